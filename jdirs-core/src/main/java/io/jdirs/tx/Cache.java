package io.jdirs.tx;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.ToLongFunction;

/**
 * A bounded map from directory paths to what is known of them, with least-recently-used eviction by
 * weight (approximate bytes). Keys are spread over 16 independently locked segments, each with a
 * sixteenth of the budget; a sorted set of the keys lets a subtree be dropped without looking at the
 * rest. A budget of 0 caches nothing.
 */
final class Cache<V> {
    private static final int SEGMENTS = 16;

    private final Segment<V>[] segments;
    private final ToLongFunction<V> weigher;
    private final long segmentBudget;
    private final ConcurrentSkipListSet<String> keys = new ConcurrentSkipListSet<>();

    @SuppressWarnings("unchecked")
    Cache(long maxWeight, ToLongFunction<V> weigher) {
        this.weigher = weigher;
        this.segmentBudget = maxWeight / SEGMENTS;
        this.segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment<>();
        }
    }

    V get(String key) {
        Segment<V> s = segment(key);
        synchronized (s) {
            Slot<V> slot = s.map.get(key);
            return slot == null ? null : slot.value;
        }
    }

    /** Adds or replaces an entry, weighing it anew (entries may grow). */
    void put(String key, V value) {
        if (segmentBudget <= 0) {
            return;
        }
        long w = weigher.applyAsLong(value);
        Segment<V> s = segment(key);
        synchronized (s) {
            Slot<V> old = s.map.remove(key);
            if (old != null) {
                s.weight -= old.weight;
            }
            if (w > segmentBudget) {
                keys.remove(key);
                return;
            }
            s.map.put(key, new Slot<>(value, w));
            keys.add(key);
            s.weight += w;
            Iterator<Map.Entry<String, Slot<V>>> eldest = s.map.entrySet().iterator();
            while (s.weight > segmentBudget && eldest.hasNext()) {
                Map.Entry<String, Slot<V>> e = eldest.next();
                s.weight -= e.getValue().weight;
                keys.remove(e.getKey());
                eldest.remove();
            }
        }
    }

    void remove(String key) {
        Segment<V> s = segment(key);
        synchronized (s) {
            Slot<V> old = s.map.remove(key);
            if (old != null) {
                s.weight -= old.weight;
                keys.remove(key);
            }
        }
    }

    /** Removes a directory and every directory under it: the keys {@code dir} and {@code dir/...}. */
    void removeTree(String dir) {
        remove(dir);
        // the keys that start with "dir/" sort together, before "dir0" ('0' follows '/')
        for (String key : keys.subSet(dir + "/", dir + "0").toArray(new String[0])) {
            remove(key);
        }
    }

    void clear() {
        for (Segment<V> s : segments) {
            synchronized (s) {
                s.map.keySet().forEach(keys::remove);
                s.map.clear();
                s.weight = 0;
            }
        }
    }

    /**
     * The segment of a key, from the high bits of a multiplicative hash: its maps index by the low bits,
     * which must not be the same for all the keys of one segment (they would all share a sixteenth of
     * its buckets).
     */
    private Segment<V> segment(String key) {
        return segments[(key.hashCode() * 0x9E3779B9) >>> 28];
    }

    private static final class Segment<V> {
        final LinkedHashMap<String, Slot<V>> map = new LinkedHashMap<>(16, 0.75f, true);
        long weight;
    }

    private record Slot<V>(V value, long weight) {
    }
}
