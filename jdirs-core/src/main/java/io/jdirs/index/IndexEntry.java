package io.jdirs.index;

import io.jdirs.InvalidDataException;
import io.jdirs.Type;
import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Sortable;
import io.jdirs.format.Value;

import java.util.Arrays;
import java.util.List;

/**
 * One line of an index: the values of the indexed attributes of one node (each with the type of its
 * file, or missing), then the node's key. Entries are ordered by their values ({@link Sortable}), then
 * by the node's key in code point order, so no two are equal. In a file:
 *
 * <pre>
 * int	42	u00042                  (type, text; one pair per attribute; then the node's name)
 * -		u00043                      (a missing attribute: "-" and nothing)
 * </pre>
 */
public final class IndexEntry implements Comparable<IndexEntry> {
    private final Type[] types;       // null: the attribute is missing
    private final String[] texts;     // canonical text; "" for missing, JSON, bytes and unreadable values
    private final Sortable[] values;
    private final String node;

    private IndexEntry(Type[] types, String[] texts, String node) {
        this.types = types;
        this.texts = texts;
        this.node = node;
        this.values = new Sortable[types.length]; // read from the texts when first compared
    }

    /** The entry of a node from its attribute values (null: missing); a value that does not read is unordered. */
    public static IndexEntry of(List<Value> attributes, String node, String path) {
        int n = attributes.size();
        Type[] types = new Type[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            Value v = attributes.get(i);
            types[i] = v == null ? null : v.type();
            texts[i] = "";
            if (v != null && v.type() != Type.JSON && v.type() != Type.BYTES) {
                try {
                    texts[i] = Codec.text(v, path);
                } catch (InvalidDataException unreadable) {
                    // indexed as unordered; a query that reads the value reports it
                }
            }
        }
        return new IndexEntry(types, texts, node);
    }

    /** The node's key. */
    public String node() {
        return node;
    }

    public int size() {
        return types.length;
    }

    /** The type of the i-th attribute's file; null if the attribute is missing. */
    public Type type(int i) {
        return types[i];
    }

    public Sortable value(int i) {
        Sortable v = values[i];
        if (v == null) { // racy but idempotent: the same value whoever reads it first
            v = types[i] == null ? Sortable.MISSING : Sortable.of(types[i], texts[i]);
            values[i] = v = v != null ? v : Sortable.UNORDERED;
        }
        return v;
    }

    @Override
    public int compareTo(IndexEntry o) {
        int c = 0;
        for (int i = 0; i < values.length && c == 0; i++) {
            c = value(i).compareTo(o.value(i));
        }
        return c != 0 ? c : KeyCodec.compare(node, o.node);
    }

    /** Compares the first {@code prefix.length} values with {@code prefix}. */
    public int comparePrefix(Sortable[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            int c = value(i).compareTo(prefix[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether a unique index cannot hold both: every value ordered and equal, other nodes. */
    public boolean duplicates(IndexEntry o) {
        if (node.equals(o.node)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!value(i).isOrdered() || value(i).compareTo(o.value(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** The values as a person reads them: {@code 42}, {@code "a@x.org"}, {@code 42, "Paris"}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            b.append(i == 0 ? "" : ", ");
            b.append(types[i] == null ? "(missing)" : types[i] == Type.JSON ? "(JSON)" : types[i] == Type.BYTES ? "(bytes)"
                    : types[i] == Type.STRING ? KeyCodec.quote(texts[i]) : value(i).isOrdered() ? texts[i] : "(unreadable)");
        }
        return b.toString();
    }

    /** The entry as a line of an index file, without the newline. */
    public String line() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < types.length; i++) {
            b.append(types[i] == null ? "-" : types[i] == Type.STRING ? "str" : types[i].suffix()).append('\t');
            escape(texts[i], b);
            b.append('\t');
        }
        return b.append(KeyCodec.encode(node)).toString();
    }

    /** Reads a line written by {@link #line}; null if it is not one of {@code width} values. */
    public static IndexEntry parse(String line, int width) {
        String[] f = line.split("\t", -1);
        if (f.length != 2 * width + 1 || f[2 * width].isEmpty()) {
            return null;
        }
        Type[] types = new Type[width];
        String[] texts = new String[width];
        for (int i = 0; i < width; i++) {
            String t = f[2 * i];
            types[i] = t.equals("-") ? null : Type.ofSuffix(t);
            if (types[i] == null && !t.equals("-")) {
                return null;
            }
            texts[i] = unescape(f[2 * i + 1]);
        }
        return new IndexEntry(types, texts, KeyCodec.decode(f[2 * width]));
    }

    private static void escape(String s, StringBuilder b) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexEntry e && node.equals(e.node) && Arrays.equals(types, e.types) && Arrays.equals(texts, e.texts);
    }

    @Override
    public int hashCode() {
        return node.hashCode() * 31 + Arrays.hashCode(texts);
    }

    @Override
    public String toString() {
        return line();
    }
}
