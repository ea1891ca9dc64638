package io.jdirs;

import io.jdirs.format.NodePath;
import io.jdirs.index.IndexDef;
import io.jdirs.query.Indexes;
import io.jdirs.store.FileLayer;
import io.jdirs.store.NioFileLayer;
import io.jdirs.tx.Engine;
import io.jdirs.tx.Tx;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;

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
    /** Conflicts after which {@code read}, {@code write} and node operations run exclusively. */
    static final int OPTIMISTIC_ATTEMPTS = 3;

    private final Engine engine;
    private final Options options;
    private volatile boolean closed;

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
        return new Database(Engine.open(dir, files, adopt, options.settings()), options);
    }

    /** The directory of the database. */
    public Path path() {
        return engine.store().root();
    }

    public Options options() {
        return options;
    }

    /**
     * The sequence number of the last commit published (by any process): commits are numbered from 1,
     * one more each. The change log in {@code .jdirs/changes/} tells what each changed.
     */
    public long lastCommit() {
        return run(true, tx -> tx.tx.snapshot());
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

    /**
     * Declares an index on the child nodes of {@code folder} (a slash path; {@code ""} for the root) by the
     * values of one or more of their attributes, and builds it. Queries on the folder use it by themselves.
     *
     * @throws JdirsException if the index exists already
     */
    public Index createIndex(String folder, String... attributes) {
        return createIndex(folder, List.of(attributes), false, null);
    }

    /**
     * Declares a unique index: no two child nodes of {@code folder} may have the same values of the
     * attributes (nodes missing one of them are not compared).
     *
     * @throws DuplicateException naming two nodes if the folder already breaks the rule
     */
    public Index createUniqueIndex(String folder, String... attributes) {
        return createIndex(folder, List.of(attributes), true, null);
    }

    /**
     * Declares an index and builds it, telling {@code nodesIndexed} (may be null) how many nodes it has
     * read so far, every 1,000, and their total.
     */
    public Index createIndex(String folder, List<String> attributes, boolean unique, LongConsumer nodesIndexed) {
        IndexDef def = new IndexDef(NodePath.ROOT.resolve(folder).dir(), attributes, unique);
        run(false, tx -> {
            tx.tx.createIndex(def, nodesIndexed);
            return null;
        });
        engine.indexStates().put(def.name(), Engine.IndexState.CHECKED);
        return index(def);
    }

    /** Removes an index; false if there was none on these attributes of the folder. */
    public boolean dropIndex(String folder, String... attributes) {
        NodePath p = NodePath.ROOT.resolve(folder);
        return run(false, tx -> tx.tx.dropIndex(new IndexDef(p.dir(), List.of(attributes), false))
                || tx.tx.dropIndex(new IndexDef(p.dir(), List.of(attributes), true)));
    }

    /** The indexes declared in the database. */
    public List<Index> indexes() {
        return run(true, tx -> {
            List<Index> out = new ArrayList<>();
            tx.tx.indexes().forEach(d -> out.add(index(d)));
            return out;
        });
    }

    private static Index index(IndexDef def) {
        return new Index(String.join("/", def.folderKeys()), def.attributes(), def.unique());
    }

    /** A problem {@link #check} found: the path concerned (database-relative, as on disk) and what is wrong. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    /** {@link #check(boolean, LongConsumer)} without repair. */
    public List<Problem> check() {
        return check(false, null);
    }

    /**
     * Reads every file of the database and reports every problem, each with its path, what is wrong and
     * what was expected: values that do not read as their type, two files for one key, keys that differ
     * only in case, names that are not the encoding of a key, damaged journal or change log, leftovers of
     * interrupted commits, and indexes that do not match the data. With {@code repair}, indexes that do
     * not match are rebuilt, and those whose definition is damaged removed; user data is never changed.
     *
     * @param filesChecked told the number of files read so far, every 1,000, and their total at the end (may be null)
     * @return the problems found, before any repair
     */
    public List<Problem> check(boolean repair, LongConsumer filesChecked) {
        long published = run(true, tx -> tx.tx.snapshot());
        List<Problem> problems = new ArrayList<>(Checker.files(engine.store(), published, filesChecked));
        Map<String, IndexDef> broken = new java.util.TreeMap<>();
        problems.addAll(run(true, tx -> {
            broken.clear();
            return Checker.indexes(tx.tx, broken);
        }));
        if (repair) {
            for (Map.Entry<String, IndexDef> b : broken.entrySet()) {
                try {
                    run(false, tx -> {
                        if (b.getValue() == null) {
                            tx.tx.indexWork().dropDamaged(b.getKey());
                        } else {
                            tx.tx.rebuildIndex(b.getValue());
                        }
                        return null;
                    });
                    engine.indexStates().put(b.getKey(), Engine.IndexState.CHECKED);
                } catch (DuplicateException e) {
                    problems.add(new Problem(e.path(), "the index " + b.getValue() + " cannot be rebuilt: " + Checker.detail(e)));
                }
            }
        }
        return problems;
    }

    /** Starts an explicit transaction; see {@link Transaction}. */
    public Transaction begin() {
        return new Transaction(this, begin(false));
    }

    /**
     * Closes the database: commits not yet written (relaxed durability) are written, and transactions
     * and nodes in use fail with {@link ClosedException} from then on. Opening the same directory again
     * in this process before closing shares one open database; it closes with its last {@code close}.
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.close();
        }
    }

    /** Drops the database as a killed process would (nothing pending is written): for crash tests. */
    void crash() {
        closed = true;
        engine.crash();
    }

    private <T> T run(boolean readOnly, Function<Transaction, T> work) {
        return retrying(readOnly, tx -> work.apply(new Transaction(this, tx)));
    }

    /** Runs one operation of an auto-commit node as a transaction of its own. */
    <T> T auto(boolean readOnly, Function<Tx, T> op) {
        return retrying(readOnly, op);
    }

    /**
     * Runs work in a transaction and commits it, again after a conflict (up to {@code retries} times).
     * After {@link #OPTIMISTIC_ATTEMPTS} conflicts, it runs exclusively: holding the database's locks, it
     * cannot conflict again (other writers wait meanwhile).
     */
    private <T> T retrying(boolean readOnly, Function<Tx, T> work) {
        repairIndexes();
        for (int attempt = 0; ; attempt++) {
            Tx tx = attempt >= OPTIMISTIC_ATTEMPTS ? beginExclusive(readOnly) : begin(readOnly);
            try {
                T result = work.apply(tx);
                if (tx.isActive()) {
                    tx.commit();
                }
                repairIndexes(); // what this transaction found, before the process goes on (or ends)
                return result;
            } catch (ConflictException e) {
                if (attempt >= options.retries()) {
                    throw e;
                }
                if (tx.isActive()) {
                    tx.rollback();
                }
                engine.settle();
                backOff(attempt);
            } finally {
                if (tx.isActive()) {
                    tx.rollback();
                }
            }
        }
    }

    private static final ThreadLocal<Boolean> REPAIRING = new ThreadLocal<>();

    /**
     * Repairs (or rebuilds) the indexes that queries of this process found not to match the files, and
     * records the time of costly checks, each in a transaction of its own, as soon as the transaction
     * that found them ends. One that cannot be repaired (a unique index that hand edits broke) is left
     * unused, with the reason, until the database is opened again.
     */
    private void repairIndexes() {
        Map<String, Engine.IndexState> states = engine.indexStates();
        if (states.isEmpty() || REPAIRING.get() != null || closed || states.values().stream().noneMatch(Engine.IndexState::work)) {
            return;
        }
        REPAIRING.set(Boolean.TRUE);
        try {
            for (Map.Entry<String, Engine.IndexState> e : new ArrayList<>(states.entrySet())) {
                if (!e.getValue().work()) {
                    continue;
                }
                String name = e.getKey();
                try {
                    retrying(false, tx -> Indexes.repair(tx, name));
                    states.put(name, Engine.IndexState.CHECKED);
                } catch (ConflictException | BusyException busy) {
                    // others are writing: tried again after the next transaction
                } catch (RuntimeException failed) { // the work that found it must not fail for it
                    states.put(name, new Engine.IndexState(false, false, failed.getMessage()));
                }
            }
        } finally {
            REPAIRING.remove();
        }
    }

    private Tx begin(boolean readOnly) {
        if (closed) {
            throw new ClosedException(path().toString(), "the database is closed");
        }
        return engine.begin(readOnly);
    }

    private Tx beginExclusive(boolean readOnly) {
        if (closed) {
            throw new ClosedException(path().toString(), "the database is closed");
        }
        return engine.beginExclusive(readOnly);
    }

    /** Waits a random time that grows with each attempt, so that conflicting transactions drift apart. */
    private static void backOff(int attempt) {
        long max = Math.min(20, attempt);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(max + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusyException(null, "interrupted while waiting to run a transaction again");
        }
    }

    @Override
    public String toString() {
        return "Database[" + path() + "]";
    }
}
