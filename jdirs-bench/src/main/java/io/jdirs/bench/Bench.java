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
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark: for each peer, loads the workload, measures every {@link Operation} (a warm-up, then
 * timed runs), the repeated read with JMH, and, where strace is installed, counts the file operations
 * of each operation. Writes the results as JSON; {@link Report} turns them into docs/BENCHMARKS.md.
 *
 * <pre>
 * java -cp ... io.jdirs.bench.Bench --work DIR --out FILE [--size 20000] [--runs 5] [--seconds 1]
 *      [--peers a,b] [--ops a,b] [--quick] [--no-jmh] [--no-trace] [--command TEXT]
 * </pre>
 */
public final class Bench {
    static final String JMH_OPERATION = "read-repeated";
    static final List<String> TRACED = List.of(Peer.JDIRS, Peer.LIMIT, "sqlite WAL FULL", "mvstore sync", "json files");

    private final Path work;
    private final int size;
    private final int runs;
    private final double seconds;
    private final boolean quick;
    private final List<Peer> peers;
    private final List<Operation> operations;
    private final boolean jmh;
    private final boolean trace;

    Bench(Path work, int size, int runs, double seconds, boolean quick, List<Peer> peers,
                  List<Operation> operations, boolean jmh, boolean trace) {
        this.work = work;
        this.size = size;
        this.runs = runs;
        this.seconds = seconds;
        this.quick = quick;
        this.peers = peers;
        this.operations = operations;
        this.jmh = jmh;
        this.trace = trace;
    }

    public static void main(String[] args) throws Exception {
        Args a = new Args(args);
        boolean quick = a.flag("--quick");
        Bench b = new Bench(Path.of(a.value("--work", null)), a.number("--size", quick ? 2000 : 20_000),
                a.number("--runs", quick ? 1 : 5), Double.parseDouble(a.value("--seconds", quick ? "0.3" : "1")), quick,
                a.list("--peers").stream().map(Peer::named).toList().isEmpty() ? Peer.ALL
                        : a.list("--peers").stream().map(Peer::named).toList(),
                a.list("--ops").isEmpty() ? Operation.ALL : a.list("--ops").stream().map(Operation::named).toList(),
                !a.flag("--no-jmh"), !a.flag("--no-trace") && FileOps.available());
        Results r = b.run(a.value("--command", "bin/bench"));
        r.save(Path.of(a.value("--out", null)));
    }

    Results run(String command) throws Exception {
        Files.createDirectories(work);
        List<Results.Row> rows = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Peer peer : peers) {
                Path dir = peer.dir(work);
                for (Operation op : operations) {
                    if (op.appliesTo(peer)) {
                        rows.add(measure(peer, dir, op, threads));
                    }
                }
                if (jmh && peer.durability() == Peer.Durability.DURABLE && !peer.name().equals(Peer.LIMIT)) {
                    rows.add(cachedRead(peer, dir));
                }
                delete(dir);
            }
        } finally {
            threads.shutdownNow();
        }
        List<FileOps.Counts> counts = new ArrayList<>();
        if (trace) {
            for (Peer peer : peers) {
                if (TRACED.contains(peer.name())) {
                    log("%s: counting file operations with strace", peer.name());
                    counts.add(FileOps.trace(peer, work));
                }
            }
        }
        return new Results(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command, Machine.describe(work),
                size, runs, seconds, rows, counts);
    }

    /** A warm-up and the timed runs of one operation on one peer (a load runs at most 3 times). */
    private Results.Row measure(Peer peer, Path dir, Operation op, ExecutorService threads) throws Exception {
        if (!op.id().equals("load") && Files.notExists(dir)) {
            throw new IllegalStateException(op.id() + " needs the load to run first");
        }
        int times = op.id().equals("load") ? Math.min(runs, 3) : runs;
        SplittableRandom random = new SplittableRandom(42);
        Store store = op.shared() ? peer.open(dir) : null;
        try {
            op.measure().run(new Operation.Run(peer, dir, size, store, random, seconds, true, threads));
            double[] rates = new double[times];
            long slowest = 0;
            for (int i = 0; i < times; i++) {
                Operation.Sample s = op.measure().run(new Operation.Run(peer, dir, size, store, random, seconds, false,
                        threads));
                rates[i] = s.rate();
                slowest = Math.max(slowest, s.slowestNanos());
                log("%s: %s run %d/%d: %,.0f %s", peer.name(), op.id(), i + 1, times, rates[i], op.unit());
            }
            return new Results.Row(op.id(), peer.name(), rates, null, null, slowest == 0 ? null : slowest / 1e6);
        } finally {
            if (store != null) {
                store.close();
            }
        }
    }

    /** The same user read again from an open store, by JMH in a forked JVM. */
    private Results.Row cachedRead(Peer peer, Path dir) throws Exception {
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
        return new Results.Row(JMH_OPERATION, peer.name(), iterations, score, r.getPrimaryResult().getScoreError(), null);
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

    static void log(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
