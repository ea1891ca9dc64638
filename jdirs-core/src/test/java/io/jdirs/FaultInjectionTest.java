package io.jdirs;

import io.jdirs.store.MemFileLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file operation of a commit (write, append, truncate, sync, rename, delete, mkdir) fails or is
 * torn in turn, then the process dies, with or without a power loss that forgets what was not synced;
 * after recovery the database holds exactly the state before the transaction or the state after it.
 * Recovery itself is then failed at a random operation and run again.
 */
class FaultInjectionTest {
    @TempDir
    Path real; // holds only the lock and shared-memory files; the database's files are in memory

    /** A setup, then transactions: the state after any prefix of them is a correct outcome. */
    record Scenario(String name, Options options, Consumer<Database> setup, List<Consumer<Database>> transactions) {
        Scenario(String name, Options options, Consumer<Database> setup, Consumer<Database> transaction) {
            this(name, options, setup, List.of(transaction));
        }

        void run(Database db) {
            transactions.forEach(t -> t.accept(db));
            db.close();
        }
    }

    static final Options DURABLE = Options.defaults();
    static final Options RELAXED = Options.defaults().durability(Options.Durability.RELAXED).flushInterval(3_600_000);

    static List<Scenario> scenarios() {
        Consumer<Database> users = db -> {
            db.update(tx -> {
                tx.node("users/alice").put("name", "Alice").put("age", 42).put("tags", List.of("a"));
                tx.node("users/bob").put("name", "Bob").put("age", 35).put("Nick", "bobby");
                tx.node("users/bob/address").put("city", "Oslo");
            });
            db.createIndex("users", "age");
            db.createUniqueIndex("users", "name");
        };
        return List.of(
                new Scenario("update attributes of several nodes", DURABLE, users, db -> db.update(tx -> {
                    tx.node("users/alice").put("age", 43).put("email", "alice@example.com").remove("tags");
                    tx.node("users/bob").put("age", 36).put("name", "Robert");
                })),
                new Scenario("create nodes", DURABLE, users, db -> db.update(tx -> {
                    tx.node("users/carol").put("name", "Carol").put("age", 29);
                    tx.node("users/carol/address").put("city", "Rome").put("zip", "00100");
                })),
                new Scenario("remove a node with children", DURABLE, users, db -> db.update(tx -> tx.node("users").remove("bob"))),
                new Scenario("change types and cases", DURABLE, users, db -> db.update(tx -> {
                    tx.node("users/alice").put("age", "forty-three");
                    tx.node("users/bob").remove("Nick");
                    tx.node("users/bob").put("nick", "rob");
                })),
                new Scenario("replace a node", DURABLE, users, db -> db.update(tx -> {
                    tx.node("users").remove("bob");
                    tx.node("users/bob").put("name", "Other Bob");
                })),
                new Scenario("move a subtree", DURABLE, users, db -> db.update(tx -> {
                    tx.node("users/bob").moveTo(tx.node("archive/2026/bob"));
                    tx.node("archive/2026/bob").put("archived", true);
                    tx.node("users/alice").put("age", 50);
                })),
                new Scenario("relaxed commits, flushed at close", RELAXED, users, List.of(
                        db -> db.update(tx -> tx.node("users/alice").put("age", 44)),
                        db -> db.update(tx -> tx.node("users/dave").put("name", "Dave")),
                        db -> db.update(tx -> tx.node("users").remove("bob")))));
    }

    @Test
    void everyFailedOperationLeavesTheStateBeforeOrAfter() throws Exception {
        long seed = Long.getLong("jdirs.faultSeed", System.nanoTime());
        System.out.println("fault injection seed " + seed + " (rerun with -Djdirs.faultSeed=" + seed + ")");
        Random random = new Random(seed);
        int runs = 0;
        for (Scenario s : scenarios()) {
            MemFileLayer base = new MemFileLayer(real);
            Files.createDirectories(real.resolve(".jdirs"));
            reboot();
            Database db = open(base, s.options);
            s.setup.accept(db);
            db.close();
            base.syncAll();
            Map<String, Object> before = base.tree();

            List<Map<String, Object>> outcomes = new ArrayList<>(List.of(before)); // after each prefix
            int ops = 0;
            for (int k = 1; k <= s.transactions.size(); k++) {
                MemFileLayer probe = base.copy();
                reboot();
                Database d = open(probe, s.options);
                int start = probe.mutations();
                new Scenario(s.name, s.options, s.setup, s.transactions.subList(0, k)).run(d);
                ops = probe.mutations() - start;
                outcomes.add(probe.tree());
            }
            Map<String, Object> after = outcomes.get(outcomes.size() - 1);
            assertThat(after).as(s.name).isNotEqualTo(before);

            for (int n = 1; n <= ops + 1; n++) {
                for (MemFileLayer.Fault fault : MemFileLayer.Fault.values()) {
                    for (MemFileLayer.Loss loss : MemFileLayer.Loss.values()) {
                        run(s, base.copy(), n, fault, loss, outcomes, new Random(random.nextLong()));
                        runs++;
                    }
                }
            }
        }
        System.out.println("fault injection: " + runs + " runs");
        assertThat(runs).isGreaterThan(300);
    }

    private void run(Scenario s, MemFileLayer fs, int n, MemFileLayer.Fault fault, MemFileLayer.Loss loss,
                     List<Map<String, Object>> outcomes, Random r) throws IOException {
        Map<String, Object> after = outcomes.get(outcomes.size() - 1);
        String what = s.name + ": " + fault + " of operation " + n + ", loss " + loss;
        reboot();
        Database db = open(fs, s.options);
        fs.trace = what.equals(System.getProperty("jdirs.trace.run"));
        fs.failAt(n, fault, r);
        boolean committed = false;
        try {
            s.run(db);
            committed = true;
        } catch (JdirsException expected) {
            // the injected failure surfaced
        }
        crash(db, fs, loss, r);

        // recovery may fail too: at a random operation, once
        MemFileLayer.Loss again = MemFileLayer.Loss.values()[r.nextInt(3)];
        if (r.nextBoolean()) {
            fs.failAt(1 + r.nextInt(12), MemFileLayer.Fault.values()[r.nextInt(2)], r);
            try {
                Database recovering = open(fs, s.options);
                recovering.node("users").keys();
                crash(recovering, fs, again, r);
            } catch (JdirsException failed) {
                fs.crash(again, r);
                if (again != MemFileLayer.Loss.NONE) {
                    reboot();
                }
            }
        }
        fs.noFaults();
        if (fs.trace) {
            System.out.println("  -- recovering");
        }
        Database recovered;
        try {
            recovered = open(fs, s.options);
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": cannot open after recovery", e);
        }
        try {
            Map<String, Object> state = fs.tree();
            if (committed) {
                assertThat(state).as(what + ": transactions that returned, then a clean close").isEqualTo(after);
            } else {
                assertThat(state).as(what).isIn(outcomes);
            }
            assertThat(fs.list(".jdirs/staging")).as(what + ": staging").isEmpty();
            assertThat(readThroughApi(recovered.root())).as(what + ": API").isEqualTo(state.keySet());
            assertThat(recovered.check()).as(what + ": check (indexes match the data)").isEmpty();
            recovered.update(tx -> tx.node("users/alice").put("checked", true)); // still writable
        } finally {
            recovered.close();
        }
    }

    private void crash(Database db, MemFileLayer fs, MemFileLayer.Loss loss, Random r) throws IOException {
        fs.noFaults();
        db.crash();
        fs.crash(loss, r);
        if (loss != MemFileLayer.Loss.NONE) {
            reboot();
        }
    }

    /** A power loss is followed by a reboot: the shared memory is gone. */
    private void reboot() throws IOException {
        Files.deleteIfExists(real.resolve(".jdirs/shm"));
    }

    private Database open(MemFileLayer fs, Options options) {
        return Database.open(real, options, fs, false);
    }

    private static java.util.Set<String> readThroughApi(Node root) {
        List<String> keys = new ArrayList<>(root.keys());
        for (String k : keys) {
            if (root.type(k) == Type.NODE) {
                readThroughApi(root.child(k));
            } else {
                root.get(k);
            }
        }
        return new java.util.TreeSet<>(keys);
    }
}
