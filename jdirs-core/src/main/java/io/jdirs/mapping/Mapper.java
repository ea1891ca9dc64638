package io.jdirs.mapping;

import io.jdirs.InvalidDataException;
import io.jdirs.format.Codec;
import io.jdirs.format.NodePath;
import io.jdirs.tx.Tx;

/**
 * Writes objects into nodes and reads them back. Basic fields become typed attributes, collections,
 * maps and other values JSON attributes, nested records and POJOs child nodes. Writing leaves keys
 * the class does not know untouched and removes the keys of null fields; reading leaves fields whose
 * key is absent at their default.
 */
public final class Mapper {
    private static final int MAX_DEPTH = 64;

    private Mapper() {
    }

    /** Whether objects of this class are stored as a child node (records and POJOs) rather than a value. */
    public static boolean isNode(Class<?> type) {
        return ClassMapping.kindOf(type) == ClassMapping.Kind.NODE;
    }

    public static void write(Tx tx, NodePath path, Object object) {
        write(tx, path, object, 0);
    }

    /** Reads the node at {@code path} as {@code type}; null if there is no node. */
    public static Object read(Tx tx, NodePath path, java.lang.reflect.Type type) {
        Class<?> raw = type instanceof Class<?> c ? c : (Class<?>) ((java.lang.reflect.ParameterizedType) type).getRawType();
        if (!tx.exists(path)) {
            return null;
        }
        ClassMapping m = ClassMapping.of(raw);
        m.check();
        Object[] args = m.record ? new Object[m.properties.size()] : null;
        Object target = m.record ? null : m.create(null);
        for (int i = 0; i < m.properties.size(); i++) {
            ClassMapping.Property p = m.properties.get(i);
            Object value = p.skipped ? null : readProperty(tx, path, m, p);
            if (m.record) {
                args[i] = value != null ? value : p.absent();
            } else if (value != null) {
                p.set(target, value);
            }
        }
        return m.record ? m.create(args) : target;
    }

    private static Object readProperty(Tx tx, NodePath path, ClassMapping m, ClassMapping.Property p) {
        Object v = tx.getOrNode(path, p.key, p.genericType);
        if (v != Tx.NODE) {
            return v;
        }
        if (p.kind == ClassMapping.Kind.NODE) {
            return read(tx, path.child(p.key), p.genericType);
        }
        throw new InvalidDataException(tx.pathOf(path, p.key), "is a node, but " + m.type.getSimpleName() + "."
                + p.key + " is " + p.raw.getSimpleName() + ", stored as an attribute");
    }

    private static void write(Tx tx, NodePath path, Object object, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("objects nested more than " + MAX_DEPTH + " deep at " + path
                    + ": is the object graph cyclic?");
        }
        ClassMapping m = ClassMapping.of(object.getClass());
        m.check();
        tx.create(path);
        for (ClassMapping.Property p : m.properties) {
            if (p.skipped) {
                continue;
            }
            Object value = p.get(object);
            if (value == null) {
                tx.remove(path, p.key);
            } else if (p.kind == ClassMapping.Kind.NODE && isNode(value.getClass())) {
                write(tx, path.child(p.key), value, depth + 1);
            } else {
                tx.put(path, p.key, Codec.encode(value));
            }
        }
    }
}
