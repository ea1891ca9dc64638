package io.jdirs.store;

import io.jdirs.Type;

/**
 * One key of a node as found on disk: the file or directory name that holds it and its type
 * ({@link Type#NODE} for a directory). {@code otherName} is set when a second name stands for the
 * same key (for example both {@code age} and {@code age.int}): such a key cannot be read or written
 * until a person removes one of the two.
 */
public record Entry(String key, String name, Type type, String otherName) {
    public boolean isNode() {
        return type == Type.NODE;
    }

    public boolean isAmbiguous() {
        return otherName != null;
    }
}
