package io.jdirs.store;

import io.jdirs.Type;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of one node directory, by key. Immutable; {@link #with} and {@link #without} make
 * updated copies. Ignored names (hidden files, editor backups) and anything that is neither a file
 * nor a directory are left out; so are directories whose name is not the encoding of its key.
 */
public final class Listing {
    public static final Listing MISSING = new Listing(false, Map.of(), null);
    /** The listing of a directory that exists and is empty. */
    public static final Listing EMPTY = new Listing(true, Map.of(), null);

    private final boolean exists;
    private final Map<String, Entry> byKey;
    private final FileLayer.Stat stamp;
    private final Map<String, FileLayer.Stat> stats; // of each name, as listed; null once changed in memory
    private long weight;

    private Listing(boolean exists, Map<String, Entry> byKey, FileLayer.Stat stamp) {
        this(exists, byKey, stamp, null);
    }

    private Listing(boolean exists, Map<String, Entry> byKey, FileLayer.Stat stamp, Map<String, FileLayer.Stat> stats) {
        this.exists = exists;
        this.byKey = byKey;
        this.stamp = stamp;
        this.stats = stats;
    }

    /** The stat of a name taken when the directory was listed; null if unknown. */
    public FileLayer.Stat stat(String name) {
        return stats == null ? null : stats.get(name);
    }

    /**
     * The stat of the directory taken before it was listed, to tell later whether it changed on disk;
     * null if unknown (a listing changed in memory).
     */
    public FileLayer.Stat stamp() {
        return stamp;
    }

    /** The same entries, known to match the directory's stat {@code stamp}. */
    public Listing withStamp(FileLayer.Stat stamp) {
        return new Listing(exists, byKey, stamp, stats);
    }

    /** Builds a listing from the stats of a directory's names. */
    static Listing of(Map<String, FileLayer.Stat> names, FileLayer.Stat stamp) {
        Map<String, Entry> byKey = new HashMap<>(names.size() * 2);
        for (Map.Entry<String, FileLayer.Stat> e : names.entrySet()) {
            Entry entry = entry(e.getKey(), e.getValue().kind());
            if (entry == null) {
                continue;
            }
            Entry before = byKey.putIfAbsent(entry.key(), entry);
            if (before != null) {
                // keep a deterministic pair of names: the smaller one first
                String a = before.name().compareTo(entry.name()) < 0 ? before.name() : entry.name();
                String b = a.equals(entry.name()) ? before.name() : entry.name();
                Entry first = a.equals(entry.name()) ? entry : before;
                byKey.put(entry.key(), new Entry(first.key(), a, first.type(), b));
            }
        }
        return new Listing(true, byKey, stamp, names);
    }

    /** The entry a directory entry stands for, or null when it is not one. */
    public static Entry entry(String name, FileLayer.Kind kind) {
        if (KeyCodec.isIgnored(name)) {
            return null;
        }
        if (kind == FileLayer.Kind.DIRECTORY) {
            String key = KeyCodec.decode(name);
            return canonicalNode(key, name) ? new Entry(key, name, Type.NODE, null) : null;
        }
        if (kind == FileLayer.Kind.FILE) {
            Names.Parsed p = Names.file(name);
            return new Entry(p.key(), name, p.type(), null);
        }
        return null;
    }

    private static boolean canonicalNode(String key, String name) {
        try {
            return Names.node(key).equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean exists() {
        return exists;
    }

    /** The entry of a key, or null. */
    public Entry get(String key) {
        return byKey.get(key);
    }

    public Collection<Entry> entries() {
        return Collections.unmodifiableCollection(byKey.values());
    }

    public int size() {
        return byKey.size();
    }

    /** The keys in code point order. */
    public List<String> keys() {
        List<String> keys = new ArrayList<>(byKey.keySet());
        keys.sort(KeyCodec::compare);
        return keys;
    }

    /** A copy with the entry of {@code e.key()} replaced by {@code e}. */
    public Listing with(Entry e) {
        Map<String, Entry> m = new HashMap<>(byKey);
        m.put(e.key(), e);
        return new Listing(true, m, null);
    }

    /** A copy without the entry whose file or directory has the given name. */
    public Listing without(String name) {
        Map<String, Entry> m = new HashMap<>(byKey);
        m.values().removeIf(e -> e.name().equals(name));
        return new Listing(true, m, null);
    }

    /** Approximate memory footprint, for the cache's budget (computed once). */
    public long weight() {
        long w = weight;
        if (w == 0) {
            w = 64;
            for (Entry e : byKey.values()) {
                w += (stats == null ? 96 : 160) + 2L * (e.key().length() + e.name().length());
            }
            weight = w;
        }
        return w;
    }
}
