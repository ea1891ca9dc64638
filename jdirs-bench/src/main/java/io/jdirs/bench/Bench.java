package io.jdirs.bench;

import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark. In each of {@code runs} passes, each peer in turn loads the workload and runs every
 * other {@link Operation} once on it (after a warm-up in the first pass), so that a slow moment of a
 * shared machine is spread over the peers rather than falling on one; its data is then deleted, so
 * that even the largest workload needs the disk space of one peer only. The last pass also measures
 * the repeated read with JMH. With {@code --no-warmup} nothing is warmed up: for the largest workloads,
 * where one full scan or unindexed query takes minutes and warms the JIT by itself. Where strace is
 * installed, the file operations of each operation are counted. Writes the results as JSON; {@link Report} turns them into docs/BENCHMARKS.md.
 *
 * <pre>
 * java -cp ... io.jdirs.bench.Bench --work DIR --out FILE [--size 20000] [--runs 3] [--seconds 1]
 *      [--peers a,b] [--ops a,b] [--quick] [--no-jmh] [--no-trace] [--no-warmup] [--cold]
 *      [--command TEXT]
 * </pre>
 */
public final class Bench {
    static final String JMH_OPERATION = "read-repeated";
    static final List<String> TRACED = List.of(Peer.JDIRS, Peer.LIMIT, Peer.SQLITE_WAL, "mvstore sync", "json files",
            Peer.JDIRS_INDEXED, Peer.LIMIT_INDEXED, "sqlite WAL FULL indexed");

    private final Path work;
    private final int size;
    private final int runs;
    private final double seconds;
    private final boolean quick;
    private final List<Peer> peers;
    private final List<Operation> operations;
    private final boolean jmh;
    private final boolean warmup;
    private final boolean trace;
    private final boolean cold;

    Bench(Path work, int size, int runs, double seconds, boolean quick, List<Peer> peers,
                  List<Operation> operations, boolean jmh, boolean warmup, boolean trace, boolean cold) {
        this.work = work;
        this.size = size;
        this.runs = runs;
        this.seconds = seconds;
        this.quick = quick;
        this.peers = peers;
        this.operations = operations;
        this.jmh = jmh;
        this.warmup = warmup;
        this.trace = trace;
        this.cold = cold;
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        boolean quick = a.flag("--quick");
        List<String> peers = a.list("--peers");
        List<String> ops = a.list("--ops");
        Bench b = new Bench(Path.of(a.value("--work", null)), a.number("--size", quick ? 2000 : 20_000),
                a.number("--runs", quick ? 1 : 3), Double.parseDouble(a.value("--seconds", quick ? "0.3" : "1")), quick,
                peers.isEmpty() ? Peer.ALL : peers.stream().map(Peer::named).toList(),
                ops.isEmpty() ? Operation.ALL : ops.stream().map(Operation::named).toList(),
                !a.flag("--no-jmh"), !a.flag("--no-warmup"), !a.flag("--no-trace") && FileOps.available(), a.flag("--cold"));
        Results r = b.run(a.value("--command", "bin/bench"));
        r.save(Path.of(a.value("--out", null)));
    }

    Results run(String command) throws Exception {
        Files.createDirectories(work);
        String loadBefore = Machine.loadAverage();
        Map<String, List<Operation.Sample>> samples = new LinkedHashMap<>();
        List<Results.Row> jmhRows = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int pass = 0; pass < runs; pass++) {
                for (int p = 0; p < peers.size(); p++) {
                    Peer peer = peers.get(p);
                    for (Operation op : operations) {
                        if (op.appliesTo(peer)) {
                            Operation.Sample s = measure(peer, op, pass == 0 && warmup, threads);
                            samples.computeIfAbsent(op.id() + "\n" + peer.name(), k -> new ArrayList<>()).add(s);
                            log("%s: %s run %d/%d: %,.0f %s%s", peer.name(), op.id(), pass + 1, runs, s.rate(), op.unit(),
                                    s.failures() == 0 ? "" : ", " + s.failures() + " failed: " + s.failure());
                        }
                    }
                    if (pass == runs - 1 && jmh && Operation.named("read-first").appliesTo(peer)
                            && !peer.name().equals(Peer.LIMIT)) {
                        jmhRows.add(cachedRead(peer));
                    }
                    String data = peer.data();
                    if (peers.subList(p + 1, peers.size()).stream().noneMatch(later -> later.data().equals(data))) {
                        delete(peer.dir(work)); // loaded again in the next pass: a large workload fits on the disk
                    }
                }
            }
        } finally {
            threads.shutdownNow();
        }
        List<Results.Row> rows = new ArrayList<>();
        samples.forEach((key, list) -> {
            String[] k = key.split("\n");
            long slowest = list.stream().mapToLong(Operation.Sample::slowestNanos).max().orElse(0);
            rows.add(new Results.Row(k[0], k[1], list.stream().mapToDouble(Operation.Sample::rate).toArray(), null, null,
                    slowest == 0 ? null : slowest / 1e6, list.stream().mapToLong(Operation.Sample::failures).sum(),
                    list.stream().map(Operation.Sample::failure).filter(f -> f != null).findFirst().orElse(null)));
        });
        rows.addAll(jmhRows);
        List<FileOps.Counts> counts = new ArrayList<>();
        if (trace) {
            for (Peer peer : peers) {
                if (TRACED.contains(peer.name())) {
                    log("%s: counting file operations with strace", peer.name());
                    counts.add(FileOps.trace(peer, work));
                }
            }
        }
        Map<String, String> machine = Machine.describe(work);
        machine.put("load average", loadBefore + " at the start, " + Machine.loadAverage() + " at the end (1, 5 and 15 "
                + "minutes; the benchmark itself keeps about one core busy)");
        machine.put("page cache", cold ? "dropped before each run from disk (`sync; echo 3 > /proc/sys/vm/drop_caches`)"
                : "warm: not dropped (`bin/bench --cold` drops it before each run from disk, where root may)");
        return new Results(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command, machine,
                size, runs, seconds, rows, counts);
    }

    /** One timed run of an operation on a peer (after a warm-up in the first pass). */
    private Operation.Sample measure(Peer peer, Operation op, boolean warmup, ExecutorService threads)
            throws Exception {
        Path dir = peer.dir(work);
        Store store = op.shared() ? peer.open(dir) : null;
        try {
            SplittableRandom random = new SplittableRandom(42);
            if (warmup) {
                op.measure().run(new Operation.Run(peer, dir, size, store, random, seconds, true, cold, threads));
            }
            return op.measure().run(new Operation.Run(peer, dir, size, store, random, seconds, false, cold, threads));
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    /** The same user read again from an open store, by JMH in a forked JVM. */
    private Results.Row cachedRead(Peer peer) throws Exception {
        Path dir = peer.dir(work);
        TimeValue time = quick ? TimeValue.milliseconds(200) : TimeValue.seconds(1);
        RunResult r = new Runner(new OptionsBuilder()
                .include(CachedRead.class.getName() + ".read")
                .param("peer", peer.name()).param("dir", dir.toString()).param("size", Integer.toString(size))
                .mode(Mode.Throughput).timeUnit(TimeUnit.SECONDS)
                .forks(1).warmupIterations(quick ? 1 : 3).warmupTime(time)
                .measurementIterations(quick ? 2 : 5).measurementTime(time)
                .verbosity(VerboseMode.SILENT).build()).runSingle();
        double[] iterations = r.getBenchmarkResults().stream()
                .flatMap(b -> b.getIterationResults().stream())
                .mapToDouble((IterationResult i) -> i.getPrimaryResult().getScore()).toArray();
        double score = r.getPrimaryResult().getScore();
        log("%s: %s (JMH): %,.0f reads/s, iterations %s", peer.name(), JMH_OPERATION, score, Arrays.toString(iterations));
        return new Results.Row(JMH_OPERATION, peer.name(), iterations, score, r.getPrimaryResult().getScoreError(), null,
                0, null);
    }

    /** Deletes a file or a directory tree; nothing if it does not exist. */
    static void delete(Path p) {
        if (Files.notExists(p)) {
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // gone meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes what the file systems hold in memory to disk, so that one run's writes do not slow the next one. */
    static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** Drops the operating system's page cache (root only), so that the next read comes from the disk. */
    static void dropCaches() throws IOException, InterruptedException {
        sync();
        Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3");
    }

    static void log(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
