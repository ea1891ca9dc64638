package io.jdirs.tx;

import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.journal.ChangeLog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent commits this process knows of (its own and other processes'), by what they changed, to
 * answer "did anything this transaction read change after its snapshot?". A read is recorded as an
 * entry (a directory and the folded form of a key, which also covers the key's case variants and
 * every type suffix) or as a whole listing; a commit changes entries, listings, and whole subtrees
 * (removed or moved directories). Commits at or below {@code floor} are forgotten: a snapshot that old
 * is treated as changed.
 */
final class ChangeIndex {
    private long floor;
    private long latest;
    private final Map<String, Long> entries = new HashMap<>();
    private final Map<String, Long> listings = new HashMap<>();
    private final Map<String, Long> touched = new HashMap<>();
    private final TreeMap<Long, List<String>> trees = new TreeMap<>();

    ChangeIndex(long start) {
        this.floor = start;
        this.latest = start;
    }

    /** The key an entry read is recorded under. */
    static String entry(String dir, String fold) {
        return dir + '\0' + fold;
    }

    synchronized long latest() {
        return latest;
    }

    /** Records what commit {@code seq} changes. */
    synchronized void add(long seq, List<ChangeLog.Change> changes) {
        for (ChangeLog.Change c : changes) {
            String path = c.path();
            int slash = path.lastIndexOf('/');
            String dir = slash < 0 ? "" : path.substring(0, slash);
            String name = path.substring(slash + 1);
            String key = c.kind().equals("create") || c.kind().equals("write") || c.kind().equals("delete")
                    ? Names.file(name).key() : KeyCodec.decode(name);
            entries.put(entry(dir, KeyCodec.fold(key)), seq);
            touched.put(dir, seq);
            if (!c.kind().equals("write")) {
                listings.put(dir, seq);
            }
            switch (c.kind()) {
                case "mkdir" -> listings.put(path, seq);
                case "rmtree", "movefrom", "moveto" -> trees.computeIfAbsent(seq, s -> new ArrayList<>()).add(path);
                default -> { }
            }
        }
        latest = Math.max(latest, seq);
    }

    /** Whether a commit after {@code since} changed the entry {@code fold} of {@code dir} (or, fold null, its listing). */
    synchronized boolean changed(long since, String dir, String fold) {
        if (latest <= since) {
            return false;
        }
        if (since < floor) {
            return true;
        }
        Long at = fold == null ? listings.get(dir) : entries.get(entry(dir, fold));
        if (at != null && at > since) {
            return true;
        }
        for (List<String> paths : trees.tailMap(since, false).values()) {
            for (String p : paths) {
                if (dir.equals(p) || dir.startsWith(p + "/")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a commit after {@code since} changed anything in {@code dir} (and so its stat on disk). */
    synchronized boolean touched(long since, String dir) {
        Long at = touched.get(dir);
        return since < floor || (at != null && at > since);
    }

    /** Forgets commits at or below {@code seq} (no snapshot that old is in use). */
    synchronized void forget(long seq) {
        if (seq <= floor) {
            return;
        }
        floor = seq;
        entries.values().removeIf(s -> s <= seq);
        listings.values().removeIf(s -> s <= seq);
        touched.values().removeIf(s -> s <= seq);
        trees.headMap(seq, true).clear();
    }

    synchronized int size() {
        return entries.size() + listings.size() + trees.size();
    }
}
