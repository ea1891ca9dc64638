package io.jdirs.tx;

import io.jdirs.format.KeyCodec;

import java.util.HashMap;
import java.util.Map;

/**
 * A node as one transaction sees it after its changes: the directory its unchanged entries come from
 * ({@code base}, as it was on disk before the transaction; null for a node the transaction created),
 * and the keys it changed. A change is a {@code Value} (attribute), a {@code NodeState} (child node:
 * carried in place when its base is the same directory under this node's base, else created or moved
 * here) or {@link #REMOVED}. Keys set here are also indexed by their folded form, to refuse keys that
 * differ only in case in constant time.
 */
final class NodeState {
    static final Object REMOVED = new Object() {
        @Override
        public String toString() {
            return "REMOVED";
        }
    };

    final String base;
    final Map<String, Object> changes = new HashMap<>();
    private final Map<String, String> folds = new HashMap<>();

    NodeState(String base) {
        this.base = base;
    }

    Object get(String key) {
        return changes.get(key);
    }

    void set(String key, Object change) {
        changes.put(key, change);
        if (change == REMOVED) {
            folds.remove(KeyCodec.fold(key), key);
        } else {
            folds.put(KeyCodec.fold(key), key);
        }
    }

    /** Forgets a change (for a key that exists only in this transaction). */
    void unset(String key) {
        changes.remove(key);
        folds.remove(KeyCodec.fold(key), key);
    }

    /** The key set in this transaction that folds to {@code fold}, or null. */
    String keyWithFold(String fold) {
        return folds.get(fold);
    }
}
