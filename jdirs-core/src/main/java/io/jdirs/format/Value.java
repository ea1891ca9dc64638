package io.jdirs.format;

import io.jdirs.Type;

/**
 * An attribute value as it is stored: its type and the exact bytes of its file. Immutable (the bytes
 * are never handed out to callers); the decoded Java value is computed once and kept.
 */
public final class Value {
    private final Type type;
    private final byte[] bytes;
    private Object decoded; // racy single-check: decoding twice is harmless
    private Object derived; // likewise: what a reader made of the value (an ordering key, a parsed index file)

    public Value(Type type, byte[] bytes) {
        this.type = type;
        this.bytes = bytes;
    }

    public Type type() {
        return type;
    }

    /** The file content. Not a copy: callers must not modify it. */
    public byte[] bytes() {
        return bytes;
    }

    /** What {@code make} makes of this value, made once and kept (one kind of result at a time). */
    public <T> T derive(Class<T> kind, java.util.function.Function<Value, T> make) {
        Object d = derived;
        if (kind.isInstance(d)) {
            return kind.cast(d);
        }
        T t = make.apply(this);
        derived = t;
        return t;
    }

    Object decoded() {
        return decoded;
    }

    void decoded(Object value) {
        decoded = value;
    }
}
