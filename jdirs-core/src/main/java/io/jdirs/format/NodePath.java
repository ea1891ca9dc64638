package io.jdirs.format;

import java.util.Arrays;

/**
 * The keys from the root to a node, with the database-relative directory they name on disk
 * (escaped names joined by {@code /}). Immutable; keys are validated when the path is built.
 */
public final class NodePath {
    public static final NodePath ROOT = new NodePath(new String[0], "");

    private final String[] keys;
    private final String dir;

    private NodePath(String[] keys, String dir) {
        this.keys = keys;
        this.dir = dir;
    }

    /** The child with the given key; throws IllegalArgumentException for a key no file name can hold. */
    public NodePath child(String key) {
        String[] k = Arrays.copyOf(keys, keys.length + 1);
        k[keys.length] = key;
        return new NodePath(k, Names.join(dir, Names.node(key)));
    }

    /**
     * The node at a slash-separated path of keys below this one ({@code "users/alice"}); leading and
     * trailing slashes are ignored and {@code ""} is this node. Keys that contain {@code /} cannot be
     * written this way: use {@link #child}.
     */
    public NodePath resolve(String slashPath) {
        NodePath p = this;
        int start = 0;
        int n = slashPath.length();
        while (start < n && slashPath.charAt(start) == '/') {
            start++;
        }
        while (n > start && slashPath.charAt(n - 1) == '/') {
            n--;
        }
        while (start < n) {
            int end = slashPath.indexOf('/', start);
            if (end < 0 || end > n) {
                end = n;
            }
            if (end == start) {
                throw new IllegalArgumentException("path \"" + slashPath + "\" has an empty key");
            }
            p = p.child(slashPath.substring(start, end));
            start = end + 1;
        }
        return p;
    }

    public NodePath parent() {
        if (keys.length == 0) {
            return null;
        }
        String[] k = Arrays.copyOf(keys, keys.length - 1);
        int slash = dir.lastIndexOf('/');
        return new NodePath(k, slash < 0 ? "" : dir.substring(0, slash));
    }

    /** The last key; null for the root. */
    public String key() {
        return keys.length == 0 ? null : keys[keys.length - 1];
    }

    public int depth() {
        return keys.length;
    }

    public String key(int i) {
        return keys[i];
    }

    /** The database-relative directory: escaped names joined by {@code /}; {@code ""} for the root. */
    public String dir() {
        return dir;
    }

    /** Whether this path is {@code other} or one of its ancestors. */
    public boolean contains(NodePath other) {
        if (other.keys.length < keys.length) {
            return false;
        }
        for (int i = 0; i < keys.length; i++) {
            if (!keys[i].equals(other.keys[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodePath p && Arrays.equals(keys, p.keys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys);
    }

    /** The directory path, as messages show it. */
    @Override
    public String toString() {
        return dir.isEmpty() ? "." : dir;
    }
}
