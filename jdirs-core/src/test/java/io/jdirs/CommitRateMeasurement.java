package io.jdirs;

import io.jdirs.store.CountingFileLayer;
import io.jdirs.store.NioFileLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable commit rates next to the disk's own limit, measured by the same file operations: prints a
 * table, asserts nothing about time (the machine is shared). Run it with
 * {@code mvn -B -pl jdirs-core test -Dtest=CommitRateMeasurement -Djdirs.bench=true}.
 */
@EnabledIfSystemProperty(named = "jdirs.bench", matches = "true")
class CommitRateMeasurement {
    static final long MILLIS = Long.getLong("jdirs.bench.millis", 3000);
    static final int RUNS = Integer.getInteger("jdirs.bench.runs", 3);

    @TempDir
    Path dir;

    @Test
    void commitRates() throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add(row("disk limit: append 100 bytes + fsync, 1 thread", median(this::rawFsync1), ""));
        rows.add(row("disk limit: append + fsync, 8 threads", median(() -> rawFsync(8)), ""));
        for (int threads : new int[] {1, 8}) {
            double[] perFsync = new double[1];
            double rate = median(() -> commits(threads, Options.defaults(), perFsync));
            rows.add(row("jdirs durable commits, " + threads + " thread" + (threads > 1 ? "s" : ""), rate,
                    String.format("%.1f commits per fsync", perFsync[0])));
        }
        double[] unused = new double[1];
        rows.add(row("jdirs relaxed commits, 1 thread",
                median(() -> commits(1, Options.defaults().durability(Options.Durability.RELAXED), unused)), ""));
        System.out.println();
        System.out.printf("%-52s %12s   %s%n", "operation (median of " + RUNS + " runs of " + MILLIS + " ms)", "per second", "");
        rows.forEach(System.out::println);
    }

    interface Run {
        double rate() throws Exception;
    }

    private static double median(Run run) throws Exception {
        run.rate(); // warm-up
        double[] rates = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            rates[i] = run.rate();
        }
        Arrays.sort(rates);
        return rates[RUNS / 2];
    }

    private static String row(String what, double rate, String note) {
        return String.format("%-52s %12.0f   %s", what, rate, note);
    }

    private double rawFsync1() throws Exception {
        return rawFsync(1);
    }

    /** What the disk allows a committer: one append and one fsync per commit, through jdirs' file layer. */
    private double rawFsync(int threads) throws Exception {
        Path files = Files.createTempDirectory(dir, "raw");
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + MILLIS * 1_000_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Path f = files.resolve("journal" + t);
            fs.add(pool.submit(() -> {
                byte[] record = new byte[100];
                while (System.nanoTime() < end) {
                    NioFileLayer.INSTANCE.append(f, record);
                    NioFileLayer.INSTANCE.sync(f);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (MILLIS / 1000.0);
    }

    /** Each thread updates one attribute of its own node, a durable transaction each time. */
    private double commits(int threads, Options options, double[] perFsync) throws Exception {
        Path path = Files.createTempDirectory(dir, "db");
        CountingFileLayer files = new CountingFileLayer();
        AtomicLong done = new AtomicLong();
        try (Database db = Database.open(path, options, files, false)) {
            for (int t = 0; t < threads; t++) {
                db.node("n" + t).put("v", 0);
            }
            files.reset();
            long end = System.nanoTime() + MILLIS * 1_000_000;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Node n = db.node("n" + t);
                fs.add(pool.submit(() -> {
                    for (int i = 1; System.nanoTime() < end; i++) {
                        n.put("v", i);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(MILLIS * 10, TimeUnit.MILLISECONDS);
            }
            pool.shutdown();
            long fsyncs = files.ops().stream().filter(op -> op.startsWith("sync ") && op.endsWith(".jdirs/journal")).count();
            perFsync[0] = fsyncs == 0 ? 0 : (double) done.get() / fsyncs;
        }
        return done.get() / (MILLIS / 1000.0);
    }
}
