package io.jdirs.tx;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A bounded map with least-recently-used eviction by weight (approximate bytes). Keys are spread
 * over 16 independently locked segments, each with a sixteenth of the budget. A budget of 0 caches
 * nothing.
 */
final class Cache<K, V> {
    private static final int SEGMENTS = 16;

    private final Segment<K, V>[] segments;
    private final ToLongFunction<V> weigher;
    private final long segmentBudget;

    @SuppressWarnings("unchecked")
    Cache(long maxWeight, ToLongFunction<V> weigher) {
        this.weigher = weigher;
        this.segmentBudget = maxWeight / SEGMENTS;
        this.segments = new Segment[SEGMENTS];
        for (int i = 0; i < SEGMENTS; i++) {
            segments[i] = new Segment<>();
        }
    }

    V get(K key) {
        Segment<K, V> s = segment(key);
        synchronized (s) {
            Slot<V> slot = s.map.get(key);
            return slot == null ? null : slot.value;
        }
    }

    /** Adds or replaces an entry, weighing it anew (entries may grow). */
    void put(K key, V value) {
        if (segmentBudget <= 0) {
            return;
        }
        long w = weigher.applyAsLong(value);
        Segment<K, V> s = segment(key);
        synchronized (s) {
            Slot<V> old = s.map.remove(key);
            if (old != null) {
                s.weight -= old.weight;
            }
            if (w > segmentBudget) {
                return;
            }
            s.map.put(key, new Slot<>(value, w));
            s.weight += w;
            Iterator<Slot<V>> eldest = s.map.values().iterator();
            while (s.weight > segmentBudget && eldest.hasNext()) {
                s.weight -= eldest.next().weight;
                eldest.remove();
            }
        }
    }

    void remove(K key) {
        Segment<K, V> s = segment(key);
        synchronized (s) {
            Slot<V> old = s.map.remove(key);
            if (old != null) {
                s.weight -= old.weight;
            }
        }
    }

    void removeIf(Predicate<K> test) {
        for (Segment<K, V> s : segments) {
            synchronized (s) {
                Iterator<Map.Entry<K, Slot<V>>> it = s.map.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<K, Slot<V>> e = it.next();
                    if (test.test(e.getKey())) {
                        s.weight -= e.getValue().weight;
                        it.remove();
                    }
                }
            }
        }
    }

    void clear() {
        removeIf(k -> true);
    }

    private Segment<K, V> segment(K key) {
        int h = key.hashCode();
        h ^= h >>> 16;
        return segments[h & (SEGMENTS - 1)];
    }

    private static final class Segment<K, V> {
        final LinkedHashMap<K, Slot<V>> map = new LinkedHashMap<>(16, 0.75f, true);
        long weight;
    }

    private record Slot<V>(V value, long weight) {
    }
}
