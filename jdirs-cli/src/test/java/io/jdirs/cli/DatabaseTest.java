package io.jdirs.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

/** Tests of commands on a new empty database, {@code db} in a temporary directory, run by {@code jdirs}. */
abstract class DatabaseTest {
    @TempDir
    Path tmp;
    Path db;
    Jdirs jdirs;

    @BeforeEach
    void init() {
        db = tmp.resolve("db");
        new Jdirs(null, tmp, Map.of()).run("init", db.toString()).ok();
        jdirs = new Jdirs(db);
    }
}
