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

    Object decoded() {
        return decoded;
    }

    void decoded(Object value) {
        decoded = value;
    }
}
