package io.jdirs.cli;

import io.jdirs.Node;
import io.jdirs.Type;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path on the command line: keys joined by {@code /}, each written like a file name (FORMAT.md
 * section 3.2): {@code %2F} is a {@code /} inside a key, {@code %25} a {@code %}, and a {@code %} not
 * followed by two hexadecimal digits stands for itself. Leading and trailing slashes are ignored; the
 * empty path is the root node.
 *
 * @param text the path as the user wrote it, for messages
 * @param keys the decoded keys from the root
 */
record KeyPath(String text, List<String> keys) {

    static KeyPath parse(String text) {
        List<String> keys = new ArrayList<>();
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        while (start < end) {
            int slash = text.indexOf('/', start);
            int stop = slash < 0 || slash > end ? end : slash;
            if (stop == start) {
                throw Failure.usage(text + ": empty key between two slashes");
            }
            keys.add(decode(text.substring(start, stop)));
            start = stop + 1;
        }
        return new KeyPath(text, List.copyOf(keys));
    }

    /** A key as a path segment: {@code %} and {@code /} escaped, every other character as it is. */
    static String encode(String key) {
        return key.replace("%", "%25").replace("/", "%2F");
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); ) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0
                    && hex(segment.charAt(i + 2)) >= 0) {
                bytes.write(hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2)));
                i += 3;
            } else {
                int end = i + Character.charCount(segment.codePointAt(i));
                bytes.writeBytes(segment.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return segment; // escapes that are not UTF-8: the name is its own key
        }
    }

    private static int hex(char c) {
        return c < 128 ? Character.digit(c, 16) : -1;
    }

    boolean isRoot() {
        return keys.isEmpty();
    }

    String lastKey() {
        return keys.get(keys.size() - 1);
    }

    /** The node this path names, below {@code root} (a node of the database or of a transaction). */
    Node node(Node root) {
        return walk(root, keys.size());
    }

    /** The node holding the last key. */
    Node parent(Node root) {
        return walk(root, keys.size() - 1);
    }

    private Node walk(Node root, int depth) {
        Node n = root;
        try {
            for (String key : keys.subList(0, depth)) {
                n = n.child(key);
            }
        } catch (IllegalArgumentException e) {
            throw Failure.usage(text + ": " + e.getMessage());
        }
        return n;
    }

    /** The last key read like a file name ({@code age.int}), for commands that write an attribute. */
    Suffixed attribute() {
        if (isRoot()) {
            throw Failure.usage("the root is a node, not an attribute: name an attribute such as users/alice/age");
        }
        return Suffixed.of(lastKey());
    }

    /** The file name path of an attribute with this path's parent, as messages show it ({@code users/alice/age.int}). */
    String attributeName(String key, Type type) {
        List<String> all = new ArrayList<>(keys.subList(0, keys.size() - 1));
        all.add(Suffixed.name(key, type));
        return join(all);
    }

    /** This path with more keys. */
    KeyPath resolve(List<String> more) {
        List<String> all = new ArrayList<>(keys);
        all.addAll(more);
        return new KeyPath(join(all), List.copyOf(all));
    }

    /** The path of a node as the command line writes it: its keys from the root, escaped. */
    static String of(Node node) {
        List<String> keys = new ArrayList<>();
        for (Node n = node; n.key() != null; n = n.parent()) {
            keys.add(0, n.key());
        }
        return join(keys);
    }

    static String join(List<String> keys) {
        StringBuilder b = new StringBuilder();
        for (String key : keys) {
            b.append(b.length() == 0 ? "" : "/").append(encode(key));
        }
        return b.toString();
    }

    /**
     * What the path names below {@code root}: a node, an attribute, or nothing. The last key may also be
     * written as its file name with a type suffix ({@code age.int}), as {@code ls} and {@code grep -r} show it.
     */
    Entry find(Node root) {
        if (isRoot()) {
            return new Entry(this, root, null, Type.NODE);
        }
        Node parent = parent(root);
        String key = lastKey();
        Type type = parent.type(key);
        Suffixed s = Suffixed.of(key);
        if (type == null && s.type() != null && parent.type(s.key()) == s.type()) {
            return new Entry(this, parent, s.key(), s.type());
        }
        return new Entry(this, parent, key, type);
    }

    /**
     * What a path names.
     *
     * @param parent the node holding {@code key}; the root itself when key is null
     * @param type {@link Type#NODE}, an attribute's type, or null when the path names nothing
     */
    record Entry(KeyPath path, Node parent, String key, Type type) {
        Node node() {
            return key == null ? parent : parent.child(key);
        }

        Entry require() {
            if (type == null) {
                throw Failure.notFound(path.text());
            }
            return this;
        }
    }

    /**
     * A key read like a file name (FORMAT.md section 4.1): a type suffix after a dot that is not the first
     * character names the type, and the key is what comes before it; otherwise the whole is the key.
     *
     * @param type the type the suffix names, or null
     */
    record Suffixed(String key, Type type) {
        static Suffixed of(String name) {
            int dot = name.lastIndexOf('.');
            Type t = dot > 0 ? Type.ofSuffix(name.substring(dot + 1)) : null;
            return t == null ? new Suffixed(name, null) : new Suffixed(name.substring(0, dot), t);
        }

        /** The name of a key holding a value of a type: the inverse of {@link #of}. */
        static String name(String key, Type type) {
            return type == Type.STRING && key.indexOf('.') < 0 ? key
                    : key + "." + (type == Type.STRING ? "str" : type.suffix());
        }
    }
}
