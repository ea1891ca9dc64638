package io.jdirs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Threads of one process sharing a database: serializable, no lost updates, consistent snapshots. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Options.Durability.class)
    void concurrentIncrementsLoseNothing(Options.Durability durability) throws Exception {
        try (Database db = Database.open(dir.resolve("db"), Options.defaults().durability(durability).flushInterval(3))) {
            int threads = 8;
            int increments = 100;
            run(threads, t -> {
                for (int i = 0; i < increments; i++) {
                    String counter = "counters/c" + (i % 4);
                    db.update(tx -> {
                        Node c = tx.node(counter);
                        Integer v = c.getInt("value");
                        c.put("value", v == null ? 1 : v + 1);
                    });
                }
            });
            int total = 0;
            for (int c = 0; c < 4; c++) {
                total += db.node("counters/c" + c).getInt("value");
            }
            assertThat(total).isEqualTo(threads * increments);
        }
    }

    @ParameterizedTest
    @EnumSource(Options.Durability.class)
    void readersNeverSeePartOfATransfer(Options.Durability durability) throws Exception {
        int accounts = 20;
        try (Database db = Database.open(dir.resolve("db"), Options.defaults().durability(durability).flushInterval(3))) {
            db.update(tx -> {
                for (int a = 0; a < accounts; a++) {
                    tx.node("accounts/a" + a).put("balance", 100L);
                }
            });
            AtomicBoolean done = new AtomicBoolean();
            AtomicInteger checks = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 150; i++) {
                        int from = r.nextInt(accounts);
                        int to = r.nextInt(accounts);
                        long amount = r.nextInt(30);
                        db.update(tx -> {
                            Node a = tx.node("accounts/a" + from);
                            Node b = tx.node("accounts/a" + to);
                            a.put("balance", a.getLong("balance") - amount);
                            b.put("balance", b.getLong("balance") + amount);
                        });
                    }
                    return null;
                }));
            }
            for (int t = 0; t < 2; t++) {
                futures.add(pool.submit(() -> {
                    while (!done.get()) {
                        long sum = db.read(tx -> {
                            long s = 0;
                            for (Node account : tx.node("accounts").children()) {
                                s += account.getLong("balance");
                            }
                            return s;
                        });
                        assertThat(sum).isEqualTo(accounts * 100L);
                        checks.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (int i = 0; i < 4; i++) {
                futures.get(i).get(120, TimeUnit.SECONDS);
            }
            done.set(true);
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(checks.get()).isPositive();
            long sum = 0;
            for (Node account : db.node("accounts").children()) {
                sum += account.getLong("balance");
            }
            assertThat(sum).isEqualTo(accounts * 100L);
        }
    }

    @Test
    void anExplicitTransactionFailsOnConflictAndChangesNothing() {
        try (Database db = Database.open(dir.resolve("db"))) {
            db.node("n").put("v", 1);
            Transaction slow = db.begin();
            int v = slow.node("n").getInt("v");
            db.node("n").put("v", 10);                      // commits in between
            // the transaction learns it as soon as it touches n again (or at commit at the latest)
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                slow.node("n").put("v", v + 1);
                slow.commit();
            }).isInstanceOf(ConflictException.class).hasMessageContaining("run it again");
            slow.close();
            assertThat(db.node("n").getInt("v")).isEqualTo(10);
        }
    }

    @Test
    void aReadTransactionSeesOneStateOrFails() {
        try (Database db = Database.open(dir.resolve("db"))) {
            db.node("a").put("v", 1);
            db.node("b").put("v", 1);
            Transaction reader = db.begin();
            assertThat(reader.node("a").getInt("v")).isEqualTo(1);
            db.update(tx -> {
                tx.node("a").put("v", 2);
                tx.node("b").put("v", 2);
            });
            // b changed after the reader's snapshot: reading it would mix states
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reader.node("b").getInt("v"))
                    .isInstanceOf(ConflictException.class);
            reader.rollback();
        }
    }

    interface Work {
        void run(int thread) throws Exception;
    }

    static void run(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                work.run(id);
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(300, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }
}
