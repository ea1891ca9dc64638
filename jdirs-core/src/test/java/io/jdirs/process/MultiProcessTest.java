package io.jdirs.process;

import io.jdirs.BusyException;
import io.jdirs.Database;
import io.jdirs.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Several processes on one database at once: no lost update, no partial read. */
class MultiProcessTest {
    @TempDir
    Path dir;

    /**
     * 4 processes of 4 threads each add 1 to each of 20 counters 250 times ({@code -Djdirs.rounds} to
     * change), every increment a transaction of its own: every counter ends at 4 x 4 x 250.
     */
    @Test
    void processesIncrementingSharedCountersLoseNoIncrement() throws Exception {
        int processes = 4;
        int threads = 4;
        int rounds = Integer.getInteger("jdirs.rounds", 250);
        int counters = 20;
        Path path = dir.resolve("db");
        try (Database db = Database.open(path)) {
            db.createIndex("counters", "value"); // every increment also moves an entry of the index
        }
        long start = System.nanoTime();
        List<Children.Child> children = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            children.add(Children.start(dir.resolve("inc" + p + ".log"), "increment", path.toString(),
                    Integer.toString(threads), Integer.toString(rounds), Integer.toString(counters)));
        }
        for (int p = 0; p < processes; p++) {
            Children.Child c = children.get(p);
            assertThat(c.await()).as(Files.readString(dir.resolve("inc" + p + ".log"))).isZero();
            assertThat(c.lines()).containsExactly("done");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("multi-process increments: %d transactions in %.1f s (%.0f/s)%n",
                processes * threads * rounds * counters, seconds, processes * threads * rounds * counters / seconds);
        try (Database db = Database.open(path)) {
            for (int c = 0; c < counters; c++) {
                assertThat(db.node("counters/c" + c).getInt("value")).as("counter " + c).isEqualTo(processes * threads * rounds);
            }
            assertThat(db.check()).isEmpty();
            assertThat(db.node("counters").count("value = " + processes * threads * rounds)).isEqualTo(counters);
        }
    }

    /**
     * While another process holds the writer lock longer than lockTimeout, every thread of this process
     * that gives up says another process is writing: also the ones that timed out queued behind a
     * sibling, which holds the process's commit lock while it waits for the writer lock.
     */
    @Test
    void threadsQueuedBehindAWaitForAnotherProcessBlameThatProcess() throws Exception {
        Path path = dir.resolve("db");
        try (Database db = Database.open(path)) {
            db.node("n").put("v", 0);
        }
        Children.Child holder = Children.start(dir.resolve("hold.log"), "hold", path.toString(), "20000");
        try (Database db = Database.open(path, Options.defaults().lockTimeout(300))) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!holder.lines().contains("held")) {
                assertThat(System.nanoTime()).as(Files.readString(dir.resolve("hold.log"))).isLessThan(deadline);
                Thread.sleep(10);
            }
            List<String> messages = Collections.synchronizedList(new ArrayList<>());
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int value = t + 1;
                Thread th = new Thread(() -> {
                    try {
                        db.node("n").put("v", value);
                        messages.add("committed");
                    } catch (BusyException busy) {
                        messages.add(busy.getMessage());
                    }
                });
                th.start();
                threads.add(th);
                Thread.sleep(50); // each waits from later on: the later ones time out behind an earlier one
            }
            for (Thread th : threads) {
                th.join();
            }
            assertThat(messages).hasSize(4).allSatisfy(m -> assertThat(m).contains("another process"));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("this process's commits waited for it"));
        } finally {
            holder.kill();
        }
    }

    /**
     * Readers in one process check the total of all accounts, read node by node and through a query on
     * their index, while two other processes move money.
     */
    @Test
    void readersInAnotherProcessNeverSeePartOfACommit() throws Exception {
        Path path = dir.resolve("db");
        try (Database db = Database.open(path)) {
            db.update(tx -> {
                for (int a = 0; a < Worker.ACCOUNTS; a++) {
                    tx.node("accounts/a" + a).put("balance", 1000L);
                }
            });
            db.createIndex("accounts", "balance");
        }
        List<Children.Child> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            writers.add(Children.start(dir.resolve("w" + w + ".log"), "transfers", path.toString(),
                    Integer.toString(w + 1), "2", "DURABLE"));
        }
        Children.Child auditor = Children.start(dir.resolve("audit.log"), "audit", path.toString(), "4000",
                Long.toString(Worker.ACCOUNTS * 1000L));
        int code = auditor.await();
        int commits = 0;
        for (Children.Child w : writers) {
            w.kill();
            commits += w.lines().size();
        }
        assertThat(code).as(auditor.lines() + Files.readString(dir.resolve("audit.log"))).isZero();
        assertThat(auditor.lines()).singleElement().asString().startsWith("audits ");
        System.out.println("cross-process audit: " + auditor.lines().get(0) + " while " + commits + " transfers committed");
        assertThat(commits).isPositive();
        try (Database db = Database.open(path)) {
            long total = 0;
            for (int a = 0; a < Worker.ACCOUNTS; a++) {
                total += db.node("accounts/a" + a).getLong("balance");
            }
            assertThat(total).isEqualTo(Worker.ACCOUNTS * 1000L);
            assertThat(db.check()).isEmpty();
        }
    }
}
