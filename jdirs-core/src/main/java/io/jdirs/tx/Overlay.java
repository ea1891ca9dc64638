package io.jdirs.tx;

import io.jdirs.format.Value;
import io.jdirs.journal.Op;
import io.jdirs.store.Entry;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Listing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static io.jdirs.format.Names.join;

/**
 * With relaxed durability, commits are visible to this process before they reach the files: the
 * overlay holds the effects of the commits appended but not yet applied, and the engine's reads look
 * through it. Each path has at most one effect, the latest: a written value, a deleted file, a fresh
 * (empty) directory, or a removed directory tree.
 */
final class Overlay {
    private static final Object DELETED = new Object();
    private static final Object FRESH = new Object();
    private static final Object GONE = new Object();

    private final Map<String, Object> effects = new HashMap<>();
    private final Map<String, Long> seqs = new HashMap<>(); // the commit each effect comes from
    private final Map<String, Set<String>> names = new HashMap<>();
    private volatile boolean empty = true;

    boolean isEmpty() {
        return empty;
    }

    /** Adds the effects of operations of commit {@code seq}. */
    synchronized void add(long seq, java.util.List<Op> ops) {
        for (Op op : ops) {
            add(op, seq);
        }
        empty = effects.isEmpty();
    }

    /**
     * Forgets the effects of the commits up to {@code seq}, now applied to the files (and the cache);
     * effects of later commits, appended meanwhile, stay.
     */
    synchronized void applied(long seq) {
        seqs.entrySet().removeIf(e -> {
            if (e.getValue() > seq) {
                return false;
            }
            String path = e.getKey();
            effects.remove(path);
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            Set<String> n = names.get(dir);
            if (n != null && n.remove(path.substring(slash + 1)) && n.isEmpty()) {
                names.remove(dir);
            }
            return true;
        });
        empty = effects.isEmpty();
    }

    private void add(Op op, long seq) {
        String path = op.path();
        if (op instanceof Op.Mkdir || op instanceof Op.RmTree) {
            String prefix = path + "/";
            effects.keySet().removeIf(p -> p.startsWith(prefix));
            seqs.keySet().removeIf(p -> p.startsWith(prefix));
            names.keySet().removeIf(d -> d.equals(path) || d.startsWith(prefix));
        }
        Object effect = op instanceof Op.Write w ? w.value() : op instanceof Op.Delete ? DELETED
                : op instanceof Op.Mkdir ? FRESH : GONE;
        effects.put(path, effect);
        seqs.put(path, seq);
        names.computeIfAbsent(op.dir(), d -> new HashSet<>()).add(op.name());
    }

    /**
     * The overlay's effects on one directory, copied: read it before the files, so that a flush applying
     * (and dropping from the overlay) a commit in between leaves the commit in one or the other.
     */
    synchronized Dir dir(String dir) {
        Map<String, Object> mine = new HashMap<>();
        for (String name : names.getOrDefault(dir, Set.of())) {
            mine.put(name, effects.get(join(dir, name)));
        }
        return new Dir(state(dir), mine);
    }

    /**
     * What is known of a directory's existence: TRUE if created empty (its files on disk do not count);
     * FALSE if the overlay left no directory there: removed, replaced by a file, or under such a path
     * (or under a fresh directory that never got it); null if the overlay does not say.
     */
    private Boolean state(String dir) {
        for (String p = dir; ; p = parent(p)) {
            Object e = effects.get(p);
            if (e == FRESH) {
                return p.equals(dir) ? Boolean.TRUE : Boolean.FALSE;
            }
            if (e != null) {
                return Boolean.FALSE; // removed, or a file (written or deleted) is or was there
            }
            if (p.isEmpty()) {
                return null;
            }
        }
    }

    /** The overlay's view of one directory: its existence ({@code state}, see above) and its changed entries. */
    record Dir(Boolean state, Map<String, Object> effects) {
        /** The value written to a file, or null. */
        Value value(String name) {
            return effects.get(name) instanceof Value v ? v : null;
        }

        /** A listing of what is on disk with these effects applied. */
        Listing merge(Listing base) {
            if (state == Boolean.FALSE) {
                return Listing.MISSING;
            }
            Listing l = state == Boolean.TRUE || !base.exists() ? Listing.EMPTY : base;
            for (Map.Entry<String, Object> e : effects.entrySet()) {
                if (e.getValue() instanceof Value) {
                    l = l.with(Listing.entry(e.getKey(), FileLayer.Kind.FILE));
                } else if (e.getValue() == FRESH) {
                    l = l.with(Listing.entry(e.getKey(), FileLayer.Kind.DIRECTORY));
                } else {
                    l = l.without(e.getKey());
                }
            }
            return l;
        }

        /** The entry of a key: what the effects wrote or created, else {@code base} unless they removed its name. */
        Entry entry(String key, Entry base) {
            if (state == Boolean.FALSE) {
                return null;
            }
            Entry found = state == Boolean.TRUE ? null : base;
            for (Map.Entry<String, Object> e : effects.entrySet()) {
                Object effect = e.getValue();
                Entry as = Listing.entry(e.getKey(), effect == FRESH || effect == GONE
                        ? FileLayer.Kind.DIRECTORY : FileLayer.Kind.FILE);
                if (as == null || !as.key().equals(key)) {
                    continue;
                }
                if (effect instanceof Value || effect == FRESH) {
                    return as;
                }
                if (found != null && found.name().equals(e.getKey())) {
                    found = null;
                }
            }
            return found;
        }

        /** Whether the effects removed this name. */
        boolean removed(String name) {
            Object e = effects.get(name);
            return e == DELETED || e == GONE;
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
