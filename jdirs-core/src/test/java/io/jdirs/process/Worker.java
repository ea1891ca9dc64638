package io.jdirs.process;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Options;

import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The main class of the child processes of the multi-process and kill-loop tests.
 *
 * <pre>
 * transfers DB SEED THREADS DURABILITY   move money between accounts forever, printing "ack ID" after each commit
 * increment DB THREADS ROUNDS COUNTERS   add 1 to each counter ROUNDS times per thread, then print "done"
 * audit DB MILLIS TOTAL                  read all accounts in one transaction (and through a query), again and again; print "audits N"
 * hold DB MILLIS                         take the writer lock (byte 0 of .jdirs/lock) as a writer would, print "held", keep it MILLIS
 * </pre>
 */
public final class Worker {
    static final int ACCOUNTS = 100;

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true);
        switch (args[0]) {
            case "transfers" -> transfers(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]),
                    Options.Durability.valueOf(args[4]), out);
            case "increment" -> increment(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), out);
            case "audit" -> audit(Path.of(args[1]), Long.parseLong(args[2]), Long.parseLong(args[3]), out);
            case "hold" -> hold(Path.of(args[1]), Long.parseLong(args[2]), out);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    /** Holds the writer lock (docs/FORMAT.md, the lock file) for a while, as a writer in a long commit would. */
    static void hold(Path path, long millis, PrintStream out) throws Exception {
        try (FileChannel ch = FileChannel.open(path.resolve(".jdirs/lock"), StandardOpenOption.WRITE);
             FileLock writer = ch.lock(0, 1, false)) {
            out.println("held");
            Thread.sleep(millis);
        }
    }

    /**
     * Transactions over several nodes: a transfer between two accounts plus a new log node (and, every
     * tenth time, the move of an earlier log node of the thread to archive/, a commit that moves a
     * directory). "ack ID" (or "ack ID moved OLD") is printed only once the commit has returned.
     */
    static void transfers(Path path, long seed, int threads, Options.Durability durability, PrintStream out) throws Exception {
        Database db = Database.open(path, Options.defaults().durability(durability).flushInterval(20));
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                Random r = new Random(seed * 31 + thread);
                List<String> mine = new ArrayList<>();
                for (long i = 0; ; i++) {
                    String id = "s" + seed + "t" + thread + "n" + i;
                    int from = r.nextInt(ACCOUNTS);
                    int to = r.nextInt(ACCOUNTS);
                    long amount = r.nextInt(50);
                    String move = i % 10 == 9 && !mine.isEmpty() ? mine.remove(r.nextInt(mine.size())) : null;
                    db.update(tx -> {
                        Node a = tx.node("accounts/a" + from);
                        Node b = tx.node("accounts/a" + to);
                        a.put("balance", a.getLong("balance") - amount);
                        b.put("balance", b.getLong("balance") + amount);
                        tx.node("log/" + id).put("from", from).put("to", to).put("amount", amount);
                        if (move != null) {
                            tx.node("log/" + move).moveTo(tx.node("archive/" + move));
                        }
                    });
                    mine.add(id);
                    synchronized (out) {
                        out.println("ack " + id + (move == null ? "" : " moved " + move));
                    }
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
    }

    static void increment(Path path, int threads, int rounds, int counters, PrintStream out) throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        try (Database db = Database.open(path)) {
            List<Thread> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    List<Integer> order = new ArrayList<>();
                    for (int c = 0; c < counters; c++) {
                        order.add(c);
                    }
                    for (int round = 0; round < rounds; round++) {
                        Collections.shuffle(order);
                        for (int c : order) {
                            db.update(tx -> {
                                Node counter = tx.node("counters/c" + c);
                                Integer v = counter.getInt("value");
                                counter.put("value", v == null ? 1 : v + 1);
                            });
                        }
                    }
                });
                th.setUncaughtExceptionHandler((x, e) -> failures.add(e));
                th.start();
                all.add(th);
            }
            for (Thread th : all) {
                th.join();
            }
        }
        if (!failures.isEmpty()) { // a thread that gave up would otherwise look like a lost update
            failures.get(0).printStackTrace();
            out.println("failed " + failures.get(0));
            System.exit(1);
        }
        out.println("done");
    }

    /** Fails (exit 1) if any read transaction sees a total other than {@code total}. */
    static void audit(Path path, long millis, long total, PrintStream out) {
        long audits = 0;
        try (Database db = Database.open(path)) {
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                long sum = db.read(tx -> {
                    long s = 0;
                    for (int a = 0; a < ACCOUNTS; a++) {
                        s += tx.node("accounts/a" + a).getLong("balance");
                    }
                    return s;
                });
                long queried = db.read(tx -> { // through the index on balance, in one transaction
                    long s = 0;
                    for (java.util.Map<String, Object> row : tx.node("accounts").find("select balance where balance > -1000000000").rows()) {
                        s += (Long) row.get("balance");
                    }
                    return s;
                });
                if (sum != total || queried != total) {
                    out.println("bad total " + sum + ", through the index " + queried);
                    System.exit(1);
                }
                audits++;
            }
        }
        out.println("audits " + audits);
    }
}
