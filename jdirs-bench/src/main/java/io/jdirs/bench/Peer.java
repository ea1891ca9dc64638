package io.jdirs.bench;

import io.jdirs.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * A store configuration in the comparison: its name, its settings as a reader needs them, how durable
 * its commits are, and the peer whose data it opens ({@code data}: itself, or, for a relaxed
 * configuration, the durable one with the same files, so that it is not loaded again). Add a peer by
 * adding a line to {@link #ALL}.
 */
public record Peer(String name, String settings, Durability durability, String data, Function<Path, Store> opener) {
    /** How durable a write is when the call returns. Rows of different durability are never compared. */
    public enum Durability {
        DURABLE("durable"),
        RELAXED("relaxed");

        public final String label;

        Durability(String label) {
            this.label = label;
        }
    }

    public static final String JDIRS = "jdirs";
    public static final String LIMIT = "limit";

    public static final List<Peer> ALL = List.of(
            new Peer(JDIRS, "durability=durable (journal fsynced before a commit returns)", Durability.DURABLE,
                    JDIRS, dir -> new JdirsStore(dir, Options.defaults())),
            new Peer("jdirs relaxed", "durability=relaxed: a commit returns at once, is fsynced within 100 ms",
                    Durability.RELAXED, JDIRS,
                    dir -> new JdirsStore(dir, Options.defaults().durability(Options.Durability.RELAXED))),
            new Peer("sqlite WAL FULL", "journal_mode=WAL, synchronous=FULL (WAL fsynced at each commit)",
                    Durability.DURABLE, "sqlite WAL FULL", dir -> new SqliteStore(dir, "WAL", "FULL")),
            new Peer("sqlite WAL NORMAL", "journal_mode=WAL, synchronous=NORMAL (WAL fsynced at checkpoints only)",
                    Durability.RELAXED, "sqlite WAL FULL", dir -> new SqliteStore(dir, "WAL", "NORMAL")),
            new Peer("sqlite rollback", "journal_mode=DELETE, synchronous=FULL (rollback journal)",
                    Durability.DURABLE, "sqlite rollback", dir -> new SqliteStore(dir, "DELETE", "FULL")),
            new Peer("mvstore sync", "H2 MVStore, commit() then sync() (fsync) per write", Durability.DURABLE,
                    "mvstore sync", dir -> new MvStoreStore(dir, true)),
            new Peer("mvstore", "H2 MVStore, commit() per write: written to the OS, not fsynced",
                    Durability.RELAXED, "mvstore sync", dir -> new MvStoreStore(dir, false)),
            new Peer("json files", "one Jackson file per user: write temp, fsync, rename, fsync directory; "
                    + "not atomic across users", Durability.DURABLE, "json files", JsonFilesStore::new),
            new Peer(LIMIT, "jdirs' file operations issued directly (see File operations)", Durability.DURABLE,
                    LIMIT, LimitStore::new));

    public static Peer named(String name) {
        return ALL.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no peer named \"" + name + "\""));
    }

    public Store open(Path dir) {
        return opener.apply(dir);
    }

    /** Whether this peer loads its own data (rather than opening another's). */
    public boolean ownsData() {
        return data.equals(name);
    }

    /** The directory this peer's data lives in under a work directory. */
    public Path dir(Path work) {
        return work.resolve(data.replace(' ', '-'));
    }
}
