package io.jdirs.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One macro operation of the benchmark, measured by a plain harness: a warm-up, then timed runs, each
 * giving a {@link Sample}. Add an operation by adding an entry to {@link #ALL} (and, if it is new to
 * the stores, a method to {@link Store}).
 *
 * @param id       the name in results and tables
 * @param title    the table heading
 * @param unit     what the rate counts, per second
 * @param about    what one run does, for the report
 * @param writes   whether it writes (only writing operations run on relaxed peers)
 * @param shared   whether warm-up and runs share one open store (else each run opens its own)
 */
public record Operation(String id, String title, String unit, String about, boolean writes, boolean shared,
                        Measure measure) {
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

    public static final List<Operation> ALL = List.of(
            new Operation(LOAD, "Bulk load", "users/s",
                    "a new store, " + BATCH + " users per transaction, then closed (the close is timed)",
                    true, false, Operation::load),
            new Operation("open", "Open", "opens/s",
                    "open a loaded store (closing it again is not timed), 200 times after 300 warm-up opens", false,
                    false, Operation::open),
            new Operation("read-first", "Point read, first from disk", "reads/s",
                    "a freshly opened store reads distinct random users (OS page cache warm)", false, false,
                    Operation::readFirst),
            new Operation("update", "Durable update of one attribute, 1 thread", "commits/s",
                    "sets the score of a random user, one transaction each, for a fixed time", true, true,
                    run -> timed(run, 1, r -> run.store().setScore(r.randomId(), r.random().nextInt(100_000) / 100.0))),
            new Operation("update-8", "Durable update of one attribute, 8 threads", "commits/s",
                    "8 threads set the score of random users, one transaction each, for a fixed time", true, true,
                    run -> timed(run, 8, r -> run.store().setScore(r.randomId(), r.random().nextInt(100_000) / 100.0))),
            new Operation("transfer", "Transaction touching 3 users", "commits/s",
                    "reads the scores of 3 random users and writes all three in one transaction, for a fixed time",
                    true, true, run -> timed(run, 1, r -> run.store().transfer(r.randomId(), r.randomId(), r.randomId(), 1))),
            new Operation("scan", "Full scan from disk", "users/s",
                    "a freshly opened store reads every user (OS page cache warm)", false, false, Operation::scan));

    public static Operation named(String id) {
        return ALL.stream().filter(o -> o.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation \"" + id + "\""));
    }

    /**
     * Whether this operation runs on a peer: a peer that opens another's data does not load it, and
     * relaxed peers run only the operations that write.
     */
    public boolean appliesTo(Peer peer) {
        return id.equals(LOAD) ? peer.ownsData() : writes || peer.durability() == Peer.Durability.DURABLE;
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

    /** One step of a timed operation, with its own random source. */
    interface Step {
        void run(Run r);
    }

    /**
     * Runs a step in {@code threads} threads for the run's time; counts the steps done and times the
     * slowest. A step that fails is counted as a failure, not done, and the run goes on.
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
                for (long now = System.nanoTime(); now < end; ) {
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
                }
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
