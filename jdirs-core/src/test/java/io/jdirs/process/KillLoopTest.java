package io.jdirs.process;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM moves money between 100 accounts in transactions over several nodes (some of which
 * move directories) and prints the id of every commit that returned; the parent kills it (SIGKILL)
 * at a random moment, reopens the database, and checks that the total is unchanged, that every
 * acknowledged commit is there (durable mode), that nothing was left half done, and that the indexes
 * on the accounts and the log (changed in the same commits) match the data.
 * {@code -Djdirs.kills=N} sets the number of kills (50 by default).
 */
class KillLoopTest {
    @TempDir
    Path dir;

    @Test
    void killedWritersLoseNoAcknowledgedCommitAndBreakNoInvariant() throws Exception {
        int kills = Integer.getInteger("jdirs.kills", 50);
        long seed = Long.getLong("jdirs.killSeed", System.nanoTime());
        System.out.println("kill loop: " + kills + " kills, seed " + seed + " (-Djdirs.killSeed=" + seed + ")");
        Random r = new Random(seed);
        Path path = dir.resolve("db");
        try (Database db = Database.open(path)) {
            db.update(tx -> {
                for (int a = 0; a < Worker.ACCOUNTS; a++) {
                    tx.node("accounts/a" + a).put("balance", 1000L);
                }
            });
            db.createIndex("accounts", "balance");
            db.createIndex("log", "amount");
        }
        Set<String> acked = new HashSet<>();
        Set<String> moved = new HashSet<>();
        int commits = 0;
        for (int k = 0; k < kills; k++) {
            Options.Durability durability = k % 5 == 4 ? Options.Durability.RELAXED : Options.Durability.DURABLE;
            Children.Child child = Children.start(dir.resolve("child" + k + ".log"), "transfers", path.toString(),
                    Long.toString(r.nextLong() & Long.MAX_VALUE), "4", durability.name());
            long deadline = System.currentTimeMillis() + 30_000;
            while (child.lines().isEmpty() && System.currentTimeMillis() < deadline && child.process.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(child.process.isAlive()).as("child %d: %s", k, Files.readString(dir.resolve("child" + k + ".log"))).isTrue();
            Thread.sleep(r.nextInt(400));
            child.kill();
            List<String> lines = child.lines();
            for (String line : lines) {
                if (durability == Options.Durability.DURABLE && line.startsWith("ack ")) {
                    String[] f = line.split(" ");
                    acked.add(f[1]);
                    if (f.length == 4) {
                        moved.add(f[3]);
                    }
                }
            }
            commits += lines.size();
            check(path, acked, moved, "after kill " + k + " (" + durability + ")");
        }
        System.out.println("kill loop: " + commits + " acknowledged commits, " + acked.size() + " checked");
        assertThat(commits).isGreaterThan(kills);
    }

    private static void check(Path path, Set<String> acked, Set<String> moved, String when) {
        try (Database db = Database.open(path)) {
            long total = db.read(tx -> {
                long s = 0;
                for (int a = 0; a < Worker.ACCOUNTS; a++) {
                    s += tx.node("accounts/a" + a).getLong("balance");
                }
                return s;
            });
            assertThat(total).as("total " + when).isEqualTo(Worker.ACCOUNTS * 1000L);
            assertThat(db.check()).as("check (indexes match the data) " + when).isEmpty();
            assertThat(db.node("accounts").count("balance > -1000000000")).as("indexed count " + when).isEqualTo(Worker.ACCOUNTS);
            Set<String> log = new HashSet<>(db.node("log").keys());
            Set<String> archive = new HashSet<>(db.node("archive").keys());
            for (String id : acked) {
                assertThat(log.contains(id) || archive.contains(id)).as("acknowledged commit %s %s", id, when).isTrue();
            }
            for (String id : moved) {
                assertThat(archive).as("acknowledged move of %s %s", id, when).contains(id);
            }
            Set<String> both = new HashSet<>(log);
            both.retainAll(archive);
            assertThat(both).as("in log and archive " + when).isEmpty();
            Node staging = db.node(".jdirs");
            assertThat(staging.exists()).isFalse(); // .jdirs is not a node
            assertThat(path.resolve(".jdirs/staging").toFile().list() == null
                    || path.resolve(".jdirs/staging").toFile().list().length == 0).as("staging " + when).isTrue();
        }
    }
}
