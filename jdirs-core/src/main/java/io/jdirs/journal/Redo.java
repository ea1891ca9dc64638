package io.jdirs.journal;

import io.jdirs.StorageException;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Store;

import java.nio.file.NoSuchFileException;

import static io.jdirs.format.Names.join;

/**
 * Applies a commit's operations to the files. The first time and after a crash alike: every operation
 * but a stage or a place sets its entry to a state whatever it was, and those two check which side of
 * the rename they are on, so applying a record again, whole or after a part of it, ends in the same
 * files. (Moves are made safe by the commit protocol: a commit with moves is alone in the journal, and
 * the journal records when its stages are done; see docs/RECOVERY.md.)
 */
public final class Redo {
    private Redo() {
    }

    /** The staging directory of commit {@code seq}. */
    public static String staging(long seq) {
        return join(Store.META + "/staging", Long.toString(seq));
    }

    /** Applies a whole record; {@code staged}: its stage operations are known to be done. */
    public static void apply(Store store, Record r, boolean staged) {
        if (!staged) {
            stages(store, r);
        }
        rest(store, r);
    }

    /**
     * The stage operations, made durable: the staging directory is created and made durable first (so
     * that nothing can be moved into a directory a power loss would forget), then the directories that
     * move are renamed into it, deepest first, and both sides of every rename are synced.
     */
    public static void stages(Store store, Record r) {
        if (!r.isStructural()) {
            return;
        }
        String staging = staging(r.seq());
        if (store.kind(staging) == FileLayer.Kind.MISSING) {
            store.mkdirs(staging);
            store.sync(Store.META);
            store.sync(Store.META + "/staging");
        }
        java.util.Set<String> sources = new java.util.LinkedHashSet<>();
        java.util.Map<String, String> slots = new java.util.HashMap<>();
        for (Op op : r.ops()) {
            if (op instanceof Op.Stage s) {
                String slot = join(staging, Integer.toString(s.slot()));
                slots.put(s.path(), slot);
                if (store.kind(slot) == FileLayer.Kind.MISSING && store.kind(s.path()) == FileLayer.Kind.DIRECTORY) {
                    store.rename(s.path(), slot);
                    sources.add(s.dir());
                }
            }
        }
        store.sync(staging);
        for (String dir : sources) {
            store.sync(whereNow(dir, slots)); // a source may itself have moved into staging since
        }
    }

    /** Where a directory is after the stages: under the slot of the nearest staged directory above it, if any. */
    static String whereNow(String dir, java.util.Map<String, String> slots) {
        for (String p = dir; !p.isEmpty(); p = p.lastIndexOf('/') < 0 ? "" : p.substring(0, p.lastIndexOf('/'))) {
            String slot = slots.get(p);
            if (slot != null) {
                return slot + dir.substring(p.length());
            }
        }
        return dir;
    }

    /** Everything but the stages, then the staging directory is removed. */
    public static void rest(Store store, Record r) {
        boolean structural = false;
        for (Op op : r.ops()) {
            if (op instanceof Op.Write w) {
                write(store, w, r.seq());
            } else if (op instanceof Op.Delete d) {
                store.delete(d.path());
            } else if (op instanceof Op.Mkdir m) {
                store.mkdirs(m.path());
            } else if (op instanceof Op.RmTree t) {
                store.deleteTree(t.path());
            } else if (op instanceof Op.Place p) {
                structural = true;
                String slot = join(staging(r.seq()), Integer.toString(p.slot()));
                if (store.kind(slot) == FileLayer.Kind.DIRECTORY) {
                    store.mkdirs(p.dir());
                    store.rename(slot, p.path());
                }
            } else if (op instanceof Op.Stage) {
                structural = true;
            }
        }
        if (structural) {
            store.deleteTree(staging(r.seq()));
        }
    }

    /**
     * A new file is written in place; one that replaces another through a temporary name and a rename,
     * so that a reader (jdirs or cat) sees the old content or the new, never a mix.
     */
    private static void write(Store store, Op.Write w, long seq) {
        String tmp = w.created() ? null : join(w.dir(), "." + w.name() + "." + seq + ".tmp");
        try {
            store.write(tmp == null ? w.path() : tmp, w.value().bytes());
        } catch (StorageException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
            store.mkdirs(w.dir()); // removed since (by a later commit being replayed, or by hand)
            store.write(tmp == null ? w.path() : tmp, w.value().bytes());
        }
        if (tmp != null) {
            store.rename(tmp, w.path());
        }
    }
}
