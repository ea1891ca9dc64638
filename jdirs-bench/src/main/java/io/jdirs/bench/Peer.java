package io.jdirs.bench;

import io.jdirs.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A configuration in the comparison: its name, its settings as a reader needs them, how durable its
 * commits are, the peer whose data it opens ({@code data}: itself, or the peer with the same files, so
 * that they are not loaded again), whether it has indexes on age and email (made after the load; such a
 * peer runs the queries only), how to open it as a {@link Store} (null for a program that is only a
 * baseline of the whole-process row), and the {@link Command} that looks up one user's age as a whole
 * process (null if none). Peers run in this order, each on the data the ones before it left. Add a peer
 * by adding a line to {@link #ALL}.
 */
public record Peer(String name, String settings, Durability durability, String data, boolean indexed,
                   Function<Path, Store> opener, Command command) {
    /** How durable a write is when the call returns. Rows of different durability are never compared. */
    public enum Durability {
        DURABLE("durable"),
        RELAXED("relaxed"),
        /** A baseline program, which stores nothing. */
        NONE("—");

        public final String label;

        Durability(String label) {
            this.label = label;
        }
    }

    public static final String JDIRS = "jdirs";
    public static final String JDIRS_INDEXED = "jdirs indexed";
    public static final String LIMIT = "limit";
    public static final String LIMIT_INDEXED = "limit indexed";
    public static final String SQLITE_WAL = "sqlite WAL FULL";
    public static final String HELLO = "java Hello";
    static final String INDEXES = "; indexes on age and on email (unique), made after the load";

    public static final List<Peer> ALL = List.of(
            new Peer(JDIRS, "durability=durable (journal fsynced before a commit returns)", Durability.DURABLE,
                    JDIRS, false, dir -> new JdirsStore(dir, Options.defaults(), false), Command.JDIRS_GET),
            new Peer("jdirs relaxed", "durability=relaxed: a commit returns at once, is fsynced within 100 ms",
                    Durability.RELAXED, JDIRS, false,
                    dir -> new JdirsStore(dir, Options.defaults().durability(Options.Durability.RELAXED), false), null),
            new Peer(JDIRS_INDEXED, "durability=durable" + INDEXES + ": `db.createIndex(\"users\", \"age\")`, "
                    + "`db.createUniqueIndex(\"users\", \"email\")`", Durability.DURABLE, JDIRS, true,
                    dir -> new JdirsStore(dir, Options.defaults(), true), null),
            new Peer(LIMIT_INDEXED, "jdirs' index files (`.jdirs/indexes/users@age/`, `users@email/`) and then the "
                    + "users' files, read directly", Durability.DURABLE, JDIRS, true, dir -> new LimitStore(dir, true), null),
            new Peer(HELLO, "a class that prints hello, with bin/jdirs' JVM flags", Durability.NONE, JDIRS, false, null,
                    Command.HELLO),
            new Peer("java -version", "the JVM, started and stopped", Durability.NONE, JDIRS, false, null,
                    Command.JAVA_VERSION),
            new Peer("python3", "a Python script reading jdirs' attribute file", Durability.NONE, JDIRS, false, null,
                    Command.PYTHON),
            new Peer(SQLITE_WAL, "journal_mode=WAL, synchronous=FULL (WAL fsynced at each commit)",
                    Durability.DURABLE, SQLITE_WAL, false, dir -> new SqliteStore(dir, "WAL", "FULL", false),
                    Command.SQLITE),
            new Peer("sqlite WAL NORMAL", "journal_mode=WAL, synchronous=NORMAL (WAL fsynced at checkpoints only)",
                    Durability.RELAXED, SQLITE_WAL, false, dir -> new SqliteStore(dir, "WAL", "NORMAL", false), null),
            new Peer("sqlite WAL FULL indexed", "journal_mode=WAL, synchronous=FULL" + INDEXES + ": `CREATE INDEX "
                    + "... ON users(age)`, `CREATE UNIQUE INDEX ... ON users(email)`", Durability.DURABLE, SQLITE_WAL,
                    true, dir -> new SqliteStore(dir, "WAL", "FULL", true), null),
            new Peer("sqlite rollback", "journal_mode=DELETE, synchronous=FULL (rollback journal)",
                    Durability.DURABLE, "sqlite rollback", false, dir -> new SqliteStore(dir, "DELETE", "FULL", false),
                    null),
            new Peer("mvstore sync", "H2 MVStore, commit() then sync() (fsync) per write", Durability.DURABLE,
                    "mvstore sync", false, dir -> new MvStoreStore(dir, true), null),
            new Peer("mvstore", "H2 MVStore, commit() per write: written to the OS, not fsynced",
                    Durability.RELAXED, "mvstore sync", false, dir -> new MvStoreStore(dir, false), null),
            new Peer("json files", "one Jackson file per user: write temp, fsync, rename, fsync directory; "
                    + "not atomic across users", Durability.DURABLE, "json files", false, JsonFilesStore::new, null),
            new Peer(LIMIT, "jdirs' file operations issued directly (see File operations)", Durability.DURABLE,
                    LIMIT, false, dir -> new LimitStore(dir, false), Command.LIMIT_GET));

    public static Peer named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer named \"" + name + "\""));
    }

    public Store open(Path dir) {
        if (opener == null) {
            throw new IllegalStateException(name + " is a program, not a store");
        }
        return opener.apply(dir);
    }

    /** Whether this peer is a store (rather than a baseline program). */
    public boolean isStore() {
        return opener != null;
    }

    /** Whether this peer loads its own data (rather than opening another's). */
    public boolean ownsData() {
        return data.equals(name);
    }

    /** The directory this peer's data lives in under a work directory. */
    public Path dir(Path work) {
        return work.resolve(data.replace(' ', '-'));
    }

    /** Whether this peer is a limit: jdirs' file operations issued directly. */
    public boolean isLimit() {
        return name.equals(LIMIT) || name.equals(LIMIT_INDEXED);
    }

    /** The jdirs peer this one is compared with: jdirs of the same durability, with indexes if it has them. */
    public String versus() {
        return indexed ? JDIRS_INDEXED : durability == Durability.RELAXED ? "jdirs relaxed" : JDIRS;
    }

    /**
     * Loads users into {@code dir} as this peer finds them in a pass once it has opened them: through its
     * data's owner, then opened and closed by each store up to this one that shares the data (so that the
     * indexed jdirs peer has made its indexes, in a process that has since closed the database).
     */
    public void prepare(Path dir, List<java.util.Map<String, User>> batches) {
        Peer owner = named(data);
        try (Store s = owner.open(dir)) {
            batches.forEach(s::insert);
        }
        for (Peer p : ALL.subList(ALL.indexOf(owner) + 1, ALL.indexOf(this) + 1)) {
            if (p.data.equals(data) && p.isStore()) {
                p.open(dir).close();
            }
        }
    }
}
