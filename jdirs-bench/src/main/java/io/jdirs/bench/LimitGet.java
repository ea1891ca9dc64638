package io.jdirs.bench;

import java.nio.file.Path;

/**
 * The limit of the whole-process row: a JVM that opens a database as jdirs does (its format file, lock
 * and shared memory) and prints one attribute of a user, found by listing the user's directory.
 * Usage: {@code LimitGet <dir> <id>}, printing the user's age.
 */
public final class LimitGet {
    private LimitGet() {
    }

    public static void main(String[] args) {
        try (LimitStore s = new LimitStore(Path.of(args[0]), false)) {
            System.out.println(s.attribute(args[1], "age"));
        }
    }
}
