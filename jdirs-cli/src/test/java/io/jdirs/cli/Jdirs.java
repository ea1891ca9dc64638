package io.jdirs.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;

/** Runs jdirs command lines in this process, through picocli as {@code main} does, with captured output. */
final class Jdirs {
    private final Path db;
    private final Path cwd;
    private final Map<String, String> env;
    private boolean tty;

    /** Command lines on {@code db} (passed as --db; null for none), run from {@code cwd} with environment {@code env}. */
    Jdirs(Path db, Path cwd, Map<String, String> env) {
        this.db = db;
        this.cwd = cwd;
        this.env = env;
    }

    Jdirs(Path db) {
        this(db, db, Map.of());
    }

    /** Runs as if stderr were a terminal. */
    Jdirs tty() {
        tty = true;
        return this;
    }

    Result run(String... args) {
        return input("", args);
    }

    Result input(String stdin, String... args) {
        return input(stdin.getBytes(UTF_8), args);
    }

    Result input(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>();
        if (db != null) {
            all.add("--db");
            all.add(db.toString());
        }
        all.addAll(List.of(args));
        int code = new Main(new ByteArrayInputStream(stdin), new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8), env, cwd, tty).run(all.toArray(String[]::new));
        return new Result(code, out.toByteArray(), err.toString(UTF_8));
    }

    record Result(int code, byte[] bytes, String err) {
        String out() {
            return new String(bytes, UTF_8);
        }

        /** Whether the command succeeded without a word on stderr; else the details, for the assertion message. */
        Result ok() {
            if (code != 0 || !err.isEmpty()) {
                throw new AssertionError("exit " + code + ", stderr: " + err + ", stdout: " + out());
            }
            return this;
        }
    }
}
