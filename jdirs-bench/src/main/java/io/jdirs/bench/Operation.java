package io.jdirs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

/**
 * One macro operation of the benchmark, measured by a plain harness: a warm-up, then timed runs, each
 * giving a {@link Sample}. Add an operation by adding an entry to {@link #ALL} (and, if it is new to
 * the stores, a method to {@link Store}).
 *
 * @param id     the name in results and tables
 * @param title  the table heading
 * @param unit   what the rate counts, per second
 * @param about  what one run does, for the report
 * @param kind   what it does, which says which peers it runs on ({@link #appliesTo})
 * @param shared whether warm-up and runs share one open store (else each run opens its own)
 */
public record Operation(String id, String title, String unit, String about, Kind kind, boolean shared,
                        Measure measure) {
    /** What an operation does. */
    public enum Kind {
        READ, WRITE, QUERY,
        /** Whole processes, each started and waited for. */
        PROCESS
    }

    /** One run of an operation. */
    public interface Measure {
        Sample run(Run run) throws Exception;
    }

    /**
     * How many operations one run did, in how long, the slowest one (0 if not timed one by one), and how
     * many failed (with the first failure's message).
     */
    public record Sample(long count, long nanos, long slowestNanos, long failures, String failure) {
        Sample(long count, long nanos) {
            this(count, nanos, 0, 0, null);
        }

        public double rate() {
            return count * 1e9 / nanos;
        }
    }

    /**
     * What a run works on: the peer, its data directory (loaded with {@code size} users), the store
     * (when the operation is shared), a random source, the length of a timed run, and whether reads
     * from disk start with the page cache dropped.
     */
    public record Run(Peer peer, Path dir, int size, Store store, SplittableRandom random, double seconds,
                      boolean warmup, boolean cold, ExecutorService threads) {
        String randomId() {
            return Workload.id(random.nextInt(size));
        }
    }

    public static final int BATCH = 1000;
    public static final String LOAD = "load";
    public static final String COUNT = "count";
    public static final String COUNT_FIRST = "count-first";
    public static final String PROCESS = "get-process";
    /** The age of the queries' {@code age > 50}. */
    public static final int AGE = 50;
    private static final String NOT_FIRST = " (the first query after opening is not timed: see *first in a process*)";

    public static final List<Operation> ALL = List.of(
            new Operation(LOAD, "Bulk load", "users/s",
                    "a new store, " + BATCH + " users per transaction, then closed (the close is timed)",
                    Kind.WRITE, false, Operation::load),
            new Operation("open", "Open", "opens/s",
                    "open a loaded store (closing it again is not timed), 200 times after 300 warm-up opens",
                    Kind.READ, false, Operation::open),
            new Operation("read-first", "Point read, first from disk", "reads/s",
                    "a freshly opened store reads distinct random users (OS page cache warm)", Kind.READ, false,
                    Operation::readFirst),
            new Operation("update", "Durable update of one attribute, 1 thread", "commits/s",
                    "sets the score of a random user, one transaction each, for a fixed time", Kind.WRITE, true,
                    run -> timed(run, 1, r -> run.store().setScore(r.randomId(), r.random().nextInt(100_000) / 100.0))),
            new Operation("update-8", "Durable update of one attribute, 8 threads", "commits/s",
                    "8 threads set the score of random users, one transaction each, for a fixed time", Kind.WRITE, true,
                    run -> timed(run, 8, r -> run.store().setScore(r.randomId(), r.random().nextInt(100_000) / 100.0))),
            new Operation("transfer", "Transaction touching 3 users", "commits/s",
                    "reads the scores of 3 random users and writes all three in one transaction, for a fixed time",
                    Kind.WRITE, true, run -> timed(run, 1, r -> run.store().transfer(r.randomId(), r.randomId(), r.randomId(), 1))),
            new Operation("scan", "Full scan from disk", "users/s",
                    "a freshly opened store reads every user (OS page cache warm)", Kind.READ, false, Operation::scan),
            new Operation(COUNT, "`age > 50` count", "queries/s", "counts the users older than " + AGE
                    + ", again and again in one open store for a fixed time" + NOT_FIRST, Kind.QUERY, true,
                    run -> query(run, r -> expect(run, "count", r.store().countOlderThan(AGE), older(run.size())))),
            new Operation("fetch", "`age > 50` fetch", "queries/s", "finds the users older than " + AGE + " with "
                    + "their six attributes, again and again in one open store for a fixed time" + NOT_FIRST,
                    Kind.QUERY, true, run -> query(run, Operation::fetch)),
            new Operation("lookup", "`email = x` lookup", "lookups/s", "finds the user whose email is that of a "
                    + "random user, again and again in one open store for a fixed time" + NOT_FIRST, Kind.QUERY,
                    true, run -> query(run, Operation::lookup)),
            new Operation(COUNT_FIRST, "`age > 50` count, first in a process", "queries/s", "a freshly opened "
                    + "store counts the users older than " + AGE + " once (the open is not timed), as a process "
                    + "serving one request does, for a fixed time; in a process, jdirs' first use of an index "
                    + "checks it against the files (docs/QUERIES.md, \"Indexes and hand edits\")", Kind.QUERY, false,
                    Operation::countFirst),
            new Operation(PROCESS, "CGI-style: a whole `jdirs get` process", "processes/s", "one process per lookup "
                    + "of a random user's age, as a CGI or shell script runs it, started, waited for and its output "
                    + "checked, for a fixed time; jdirs as bin/jdirs runs it (its JVM flags and the AppCDS archive "
                    + "that `mvn package` makes), next to programs that do less; the settings column gives each "
                    + "command line", Kind.PROCESS, false, run -> timed(run, 1, r -> {
                        int i = r.random().nextInt(run.size());
                        run.peer().command().run(run.dir(), Workload.id(i), Workload.user(i).age());
                    })));

    public static Operation named(String id) {
        return ALL.stream().filter(o -> o.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation \"" + id + "\""));
    }

    /**
     * Whether this operation runs on a peer: a peer that opens another's data does not load it, relaxed
     * stores run only the operations that write, indexed stores only the queries, and a whole process runs
     * on the peers with a command whose program is here (the baseline programs run nothing else).
     */
    public boolean appliesTo(Peer peer) {
        if (kind == Kind.PROCESS) {
            return peer.command() != null && peer.command().available().getAsBoolean();
        }
        if (!peer.isStore() || peer.indexed() && kind != Kind.QUERY) {
            return false;
        }
        return kind == Kind.WRITE ? !id.equals(LOAD) || peer.ownsData() : peer.durability() == Peer.Durability.DURABLE;
    }

    private static Sample load(Run run) throws Exception {
        int size = run.warmup() ? Math.max(BATCH, run.size() / 10) : run.size();
        Path dir = run.warmup() ? run.dir().resolveSibling(run.dir().getFileName() + "-warmup") : run.dir();
        Bench.delete(dir);
        Bench.sync();
        List<Map<String, User>> batches = new ArrayList<>();
        for (int from = 0; from < size; from += BATCH) {
            batches.add(Probe.batch(from, Math.min(size, from + BATCH)));
        }
        long start = System.nanoTime();
        try (Store s = run.peer().open(dir)) {
            batches.forEach(s::insert);
        }
        long nanos = System.nanoTime() - start;
        if (run.warmup()) {
            Bench.delete(dir);
        }
        return new Sample(size, nanos);
    }

    private static Sample open(Run run) {
        int times = run.warmup() ? 300 : 200;
        long nanos = 0;
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            Store s = run.peer().open(run.dir());
            nanos += System.nanoTime() - start;
            s.close();
        }
        return new Sample(times, nanos);
    }

    /** Opens the store for a run from disk, the page cache dropped first if the run is cold. */
    private static Store fresh(Run run) throws Exception {
        if (run.cold()) {
            Bench.dropCaches();
        }
        return run.peer().open(run.dir());
    }

    private static Sample readFirst(Run run) throws Exception {
        int count = Math.min(1000, run.size());
        List<String> ids = new ArrayList<>(run.size());
        for (int i = 0; i < run.size(); i++) {
            ids.add(Workload.id(i));
        }
        Collections.shuffle(ids, new java.util.Random(run.random().nextLong()));
        try (Store s = fresh(run)) {
            long start = System.nanoTime();
            for (String id : ids.subList(0, count)) {
                if (s.read(id) == null) {
                    throw new IllegalStateException(run.peer().name() + ": no user " + id);
                }
            }
            return new Sample(count, System.nanoTime() - start);
        }
    }

    private static Sample scan(Run run) throws Exception {
        AtomicLong count = new AtomicLong();
        try (Store s = fresh(run)) {
            long start = System.nanoTime();
            s.scan((id, u) -> count.incrementAndGet());
            long nanos = System.nanoTime() - start;
            if (count.get() != run.size()) {
                throw new IllegalStateException(run.peer().name() + " scanned " + count + " users of " + run.size());
            }
            return new Sample(count.get(), nanos);
        }
    }

    private static final Map<Integer, Long> OLDER = new ConcurrentHashMap<>();

    /** How many users of a workload of this size are older than {@link #AGE}. */
    static long older(int size) {
        return OLDER.computeIfAbsent(size, n -> IntStream.range(0, n).filter(i -> Workload.user(i).age() > AGE).count());
    }

    private static void expect(Run run, String what, long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException(run.peer().name() + ": " + what + " gave " + got + ", not " + expected);
        }
    }

    /**
     * A query run again and again in the run's open store for a fixed time, the first one (which fills
     * caches, and in jdirs checks an index it uses) not timed.
     */
    private static Sample query(Run run, Step step) throws Exception {
        step.run(run);
        return timed(run, 1, step);
    }

    private static void fetch(Run r) {
        long[] n = {0};
        r.store().olderThan(AGE, (id, u) -> {
            if (u.age() <= AGE) {
                throw new IllegalStateException(r.peer().name() + ": fetched " + id + ", of age " + u.age());
            }
            n[0]++;
        });
        expect(r, "fetch", n[0], older(r.size()));
    }

    /** A user whose email is looked up: made before the timing, which then only picks one. */
    private record Known(String id, User user) {
    }

    private static final Map<Integer, List<Known>> KNOWN = new ConcurrentHashMap<>();

    private static void lookup(Run r) {
        List<Known> known = KNOWN.computeIfAbsent(r.size(), n -> new java.util.Random(n).ints(1024, 0, n)
                .mapToObj(i -> new Known(Workload.id(i), Workload.user(i))).toList());
        Known k = known.get(r.random().nextInt(known.size()));
        Map.Entry<String, User> found = r.store().byEmail(k.user().email());
        if (found == null || !found.getKey().equals(k.id()) || !found.getValue().name().equals(k.user().name())) {
            throw new IllegalStateException(r.peer().name() + ": the email of " + k.id() + " found " + found);
        }
    }

    /** Freshly opened stores, each counting once, for the run's time (at least once); the opens not timed. */
    private static Sample countFirst(Run run) throws Exception {
        long length = (long) ((run.warmup() ? run.seconds() / 2 : run.seconds()) * 1e9);
        long nanos = 0;
        long slowest = 0;
        int count = 0;
        for (long end = System.nanoTime() + length; count == 0 || System.nanoTime() < end; count++) {
            try (Store s = fresh(run)) {
                long start = System.nanoTime();
                long n = s.countOlderThan(AGE);
                long took = System.nanoTime() - start;
                expect(run, "count", n, older(run.size()));
                nanos += took;
                slowest = Math.max(slowest, took);
            }
        }
        return new Sample(count, nanos, slowest, 0, null);
    }

    /** One step of a timed operation, with its own random source. */
    interface Step {
        void run(Run r);
    }

    /**
     * Runs a step in {@code threads} threads for the run's time (each at least once); counts the steps
     * done and times the slowest. A step that fails is counted as a failure, not done, and the run goes on.
     */
    private static Sample timed(Run run, int threads, Step step) throws Exception {
        long length = (long) ((run.warmup() ? run.seconds() / 2 : run.seconds()) * 1e9);
        long start = System.nanoTime();
        long end = start + length;
        List<Future<long[]>> done = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            Run own = new Run(run.peer(), run.dir(), run.size(), run.store(), run.random().split(), run.seconds(),
                    run.warmup(), run.cold(), run.threads());
            done.add(run.threads().submit(() -> {
                long count = 0;
                long slowest = 0;
                long now = System.nanoTime();
                do { // at least once, however late the thread starts
                    try {
                        step.run(own);
                        count++;
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        failure.compareAndSet(null, e.toString());
                    }
                    long after = System.nanoTime();
                    slowest = Math.max(slowest, after - now);
                    now = after;
                } while (now < end);
                return new long[] {count, slowest};
            }));
        }
        long count = 0;
        long slowest = 0;
        for (Future<long[]> f : done) {
            long[] r = f.get();
            count += r[0];
            slowest = Math.max(slowest, r[1]);
        }
        return new Sample(count, System.nanoTime() - start, slowest, failures.get(), failure.get());
    }
}
