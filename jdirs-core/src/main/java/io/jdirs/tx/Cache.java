package io.jdirs.tx;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

/**
 * A bounded map from directory paths to what is known of them, with least-recently-used eviction by
 * weight (approximate bytes). Keys are spread over 16 independently locked segments, each a map in
 * access order; the budget is one for all of them, so that one large entry (the fold index of a
 * directory of a million nodes, say) may take most of it. When a put passes the budget, segments in
 * turn give up their least recently used entry until it is met again. A sorted set of the keys lets a
 * subtree be dropped without looking at the rest. A budget of 0 caches nothing.
 */
final class Cache<V> {
    private static final int SEGMENTS = 16;

    private final Segment<V>[] segments;
    private final ToLongFunction<V> weigher;
    private final long maxWeight;
    private final AtomicLong weight = new AtomicLong();
    private final AtomicInteger hand = new AtomicInteger(); // the segment to evict from next
    private final ConcurrentSkipListSet<String> keys = new ConcurrentSkipListSet<>();

    @SuppressWarnings("unchecked")
    Cache(long maxWeight, ToLongFunction<V> weigher) {
        this.weigher = weigher;
        this.maxWeight = maxWeight;
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

    /** Adds or replaces an entry, weighing it anew (entries may grow); one heavier than the budget is dropped. */
    void put(String key, V value) {
        if (maxWeight <= 0) {
            return;
        }
        long w = weigher.applyAsLong(value);
        if (w > maxWeight) {
            remove(key);
            return;
        }
        Segment<V> s = segment(key);
        synchronized (s) {
            Slot<V> old = s.map.put(key, new Slot<>(value, w));
            keys.add(key);
            weight.addAndGet(old == null ? w : w - old.weight);
        }
        for (int empty = 0; weight.get() > maxWeight && empty < SEGMENTS; ) {
            empty = evictEldest(segments[hand.getAndIncrement() & (SEGMENTS - 1)], key) ? 0 : empty + 1;
        }
    }

    /** Removes a segment's least recently used entry unless it is {@code keep}; whether one was removed. */
    private boolean evictEldest(Segment<V> s, String keep) {
        synchronized (s) {
            Iterator<Map.Entry<String, Slot<V>>> eldest = s.map.entrySet().iterator();
            if (!eldest.hasNext()) {
                return false;
            }
            Map.Entry<String, Slot<V>> e = eldest.next();
            if (e.getKey().equals(keep)) {
                return false;
            }
            weight.addAndGet(-e.getValue().weight);
            keys.remove(e.getKey());
            eldest.remove();
            return true;
        }
    }

    void remove(String key) {
        Segment<V> s = segment(key);
        synchronized (s) {
            Slot<V> old = s.map.remove(key);
            if (old != null) {
                weight.addAndGet(-old.weight);
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
                s.map.forEach((key, slot) -> {
                    keys.remove(key);
                    weight.addAndGet(-slot.weight);
                });
                s.map.clear();
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
    }

    private record Slot<V>(V value, long weight) {
    }
}
