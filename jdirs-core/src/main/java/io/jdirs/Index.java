package io.jdirs;

import java.util.List;

/**
 * A secondary index: the child nodes of {@code folder} (a slash path of keys; {@code ""} for the root)
 * ordered by their values of {@code attributes}; a unique index refuses two nodes with the same values.
 * Queries on the folder use it by themselves ({@link Node#explain} says when); it is kept in
 * {@code .jdirs/indexes/} and changed in the same transactions as the data.
 */
public record Index(String folder, List<String> attributes, boolean unique) {
    public Index {
        attributes = List.copyOf(attributes);
    }

    /** {@code users(age)}, {@code users(email) unique}. */
    @Override
    public String toString() {
        return (folder.isEmpty() ? "/" : folder) + "(" + String.join(", ", attributes) + ")" + (unique ? " unique" : "");
    }
}
