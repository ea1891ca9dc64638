package io.jdirs.tx;

import io.jdirs.format.KeyCodec;
import io.jdirs.format.Names;
import io.jdirs.store.Entry;
import io.jdirs.store.Listing;

import java.util.List;

/**
 * The folded keys of one directory as counted 64-bit hashes, so that creating an entry in a directory
 * of a million nodes is checked against case collisions without a million strings in memory, and kept
 * up to date as entries come and go. A hit may be a false positive (about one in 2^64 per lookup):
 * callers confirm it with a full listing. Each name counts under two keys, the one it has as a
 * directory and the one it has as a typed file ({@code age.int}: "age.int" and "age"), since the
 * index is built from names alone.
 */
final class FoldIndex {
    private long[] hashes = new long[16];
    private int[] counts = new int[16];
    private int size;

    static FoldIndex ofNames(List<String> names) {
        FoldIndex f = new FoldIndex();
        for (String name : names == null ? List.<String>of() : names) {
            if (!KeyCodec.isIgnored(name)) {
                f.addName(name);
            }
        }
        return f;
    }

    static FoldIndex of(Listing listing) {
        FoldIndex f = new FoldIndex();
        for (Entry e : listing.entries()) {
            f.addName(e.name());
            if (e.otherName() != null) {
                f.addName(e.otherName());
            }
        }
        return f;
    }

    synchronized boolean mayContain(String fold) {
        return find(hash(fold)) >= 0;
    }

    synchronized void addName(String name) {
        add(hash(KeyCodec.fold(KeyCodec.decode(name))));
        add(hash(KeyCodec.fold(Names.file(name).key())));
    }

    synchronized void removeName(String name) {
        remove(hash(KeyCodec.fold(KeyCodec.decode(name))));
        remove(hash(KeyCodec.fold(Names.file(name).key())));
    }

    synchronized long weight() {
        return 48 + 12L * hashes.length;
    }

    private int find(long h) {
        int mask = hashes.length - 1;
        for (int i = (int) h & mask; hashes[i] != 0; i = (i + 1) & mask) {
            if (hashes[i] == h) {
                return i;
            }
        }
        return -1;
    }

    private void add(long h) {
        int at = find(h);
        if (at >= 0) {
            counts[at]++;
            return;
        }
        if (2 * (size + 1) > hashes.length) {
            long[] oldHashes = hashes;
            int[] oldCounts = counts;
            hashes = new long[oldHashes.length * 2];
            counts = new int[oldHashes.length * 2];
            for (int i = 0; i < oldHashes.length; i++) {
                if (oldHashes[i] != 0) {
                    put(oldHashes[i], oldCounts[i]);
                }
            }
        }
        put(h, 1);
        size++;
    }

    private void put(long h, int count) {
        int mask = hashes.length - 1;
        int i = (int) h & mask;
        while (hashes[i] != 0) {
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        counts[i] = count;
    }

    /** Decrements a count; at zero, deletes with backward shifting so that probe chains stay whole. */
    private void remove(long h) {
        int i = find(h);
        if (i < 0) {
            return;
        }
        if (--counts[i] > 0) {
            return;
        }
        int mask = hashes.length - 1;
        size--;
        for (int j = (i + 1) & mask; hashes[j] != 0; j = (j + 1) & mask) {
            int home = (int) hashes[j] & mask;
            // move j back into the hole at i unless its home lies cyclically in (i, j]
            if (((j - home) & mask) >= ((j - i) & mask)) {
                hashes[i] = hashes[j];
                counts[i] = counts[j];
                i = j;
            }
        }
        hashes[i] = 0;
        counts[i] = 0;
    }

    /** FNV-1a over the UTF-16 units, then the MurmurHash3 finalizer; never 0 (0 marks an empty slot). */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
