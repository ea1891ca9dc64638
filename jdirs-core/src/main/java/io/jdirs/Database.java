package io.jdirs;

import io.jdirs.format.NodePath;
import io.jdirs.store.FileLayer;
import io.jdirs.store.NioFileLayer;
import io.jdirs.tx.Engine;
import io.jdirs.tx.Tx;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A jdirs database: a directory holding a {@code .jdirs/} metadata directory, whose every other
 * directory is a node and every file an attribute. Thread-safe; close it when done.
 *
 * <pre>{@code
 * try (Database db = Database.open(Path.of("data"))) {
 *     db.node("users/alice").put("name", "Alice").put("age", 42);
 *     int age = db.node("users/alice").getInt("age");
 * }
 * }</pre>
 *
 * <p>Each call on a node of {@link #root()} is a transaction of its own; {@link #read} and
 * {@link #write} run several operations as one.
 */
public final class Database implements AutoCloseable {
    private final Engine engine;
    private final Options options;

    private Database(Engine engine, Options options) {
        this.engine = engine;
        this.options = options;
    }

    /**
     * Opens the database in {@code dir}, creating it if the directory does not exist or is empty. A
     * directory that has files but no {@code .jdirs/format} is refused: see {@link #init}.
     */
    public static Database open(Path dir) {
        return open(dir, Options.defaults());
    }

    public static Database open(Path dir, Options options) {
        return open(dir, options, NioFileLayer.INSTANCE, false);
    }

    /**
     * Makes an existing directory a database, its files and directories becoming attributes and nodes
     * (a missing directory is created), and opens it. Refused if it is a database already.
     */
    public static Database init(Path dir, Options options) {
        return open(dir, options, NioFileLayer.INSTANCE, true);
    }

    static Database open(Path dir, Options options, FileLayer files, boolean adopt) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        return new Database(Engine.open(dir, files, adopt, options.cacheSize()), options);
    }

    /** The directory of the database. */
    public Path path() {
        return engine.store().root();
    }

    public Options options() {
        return options;
    }

    /** The root node; each operation on it (and on nodes reached from it) is its own transaction. */
    public Node root() {
        return new Node(this, null, NodePath.ROOT);
    }

    /** The node at a slash-separated path of keys, such as {@code "users/alice"}. */
    public Node node(String path) {
        return new Node(this, null, NodePath.ROOT.resolve(path));
    }

    /** Runs {@code work} in a read-only transaction and returns its result. */
    public <T> T read(Function<Transaction, T> work) {
        return run(true, work);
    }

    /** Runs {@code work} in a transaction, commits it, and returns the result. */
    public <T> T write(Function<Transaction, T> work) {
        return run(false, work);
    }

    /** {@link #write} for work without a result. */
    public void update(Consumer<Transaction> work) {
        run(false, tx -> {
            work.accept(tx);
            return null;
        });
    }

    /** Starts an explicit transaction; see {@link Transaction}. */
    public Transaction begin() {
        return new Transaction(this, engine.begin(false));
    }

    /** Closes the database; transactions and nodes in use fail with {@link ClosedException} from then on. */
    @Override
    public void close() {
        engine.close();
    }

    private <T> T run(boolean readOnly, Function<Transaction, T> work) {
        Tx tx = engine.begin(readOnly);
        try {
            T result = work.apply(new Transaction(this, tx));
            if (tx.isActive()) {
                tx.commit();
            }
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
        }
    }

    /** Runs one operation of an auto-commit node as a transaction of its own. */
    <T> T auto(boolean readOnly, Function<Tx, T> op) {
        Tx tx = engine.begin(readOnly);
        try {
            T result = op.apply(tx);
            if (!readOnly) {
                tx.commit();
            }
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
        }
    }

    @Override
    public String toString() {
        return "Database[" + path() + "]";
    }
}
