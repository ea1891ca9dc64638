package io.jdirs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs each operation of the benchmark on a small store between marker paths that a system call trace
 * shows ({@code access("/jdirs-probe/begin/<op>")}), so that {@link FileOps} can count the file
 * operations of each. Each operation runs once unmarked first, so that class loading stays out of the
 * marked one (but for the first query after opening, whose cost is being first). An indexed peer runs
 * the queries only, on data made as in the benchmark. Usage: {@code strace -f -o trace java ... Probe
 * <peer> <dir>}.
 */
public final class Probe {
    static final int BATCH = 1000;
    /** More users than jdirs lists whole in a directory (1,024), as in the benchmark. */
    static final int SIZE = 2 * BATCH;

    public static void main(String[] args) throws Exception {
        Peer peer = Peer.named(args[0]);
        Path dir = Path.of(args[1]);
        if (peer.indexed()) {
            peer.prepare(dir, List.of(batch(0, BATCH), batch(BATCH, SIZE)));
            Thread.sleep(2100); // files older than 2 s, as in the benchmark (see below)
        } else {
            operations(peer, dir);
        }
        try (Store s = peer.open(dir)) {
            marked(true, "count, first after open", () -> s.countOlderThan(Operation.AGE));
            marked(true, "count, " + SIZE + " users", () -> s.countOlderThan(Operation.AGE));
            marked(false, "lookup", () -> s.byEmail(Workload.user(40).email()));
            marked(true, "lookup", () -> s.byEmail(Workload.user(41).email()));
        }
    }

    private static void operations(Peer peer, Path dir) throws InterruptedException {
        try (Store s = peer.open(dir)) {
            for (int from = 0; from < SIZE; from += BATCH) {
                Map<String, User> batch = batch(from, from + BATCH);
                marked(from == SIZE - BATCH, "load, " + BATCH + " users in one transaction", () -> s.insert(batch));
            }
        }
        Thread.sleep(2100); // files older than 2 s, as in the benchmark: jdirs trusts their stat
        peer.open(dir).close();
        Store[] opened = new Store[1];
        marked(true, "open", () -> opened[0] = peer.open(dir));
        try (Store s = opened[0]) {
            marked(false, "read, first", () -> s.read(Workload.id(10)));
            marked(true, "read, first", () -> s.read(Workload.id(11)));
            marked(true, "read, repeated", () -> s.read(Workload.id(11)));
            marked(true, "update, first after open", () -> s.setScore(Workload.id(20), 1.5));
            marked(true, "update", () -> s.setScore(Workload.id(21), 2.5));
            marked(false, "transfer", () -> s.transfer(Workload.id(30), Workload.id(31), Workload.id(32), 1));
            marked(true, "transfer", () -> s.transfer(Workload.id(33), Workload.id(34), Workload.id(35), 1));
        }
        try (Store s = peer.open(dir)) {
            marked(true, "scan, " + SIZE + " users", () -> s.scan((id, u) -> { }));
        }
    }

    static Map<String, User> batch(int from, int to) {
        Map<String, User> batch = new LinkedHashMap<>();
        for (int i = from; i < to; i++) {
            batch.put(Workload.id(i), Workload.user(i));
        }
        return batch;
    }

    private static void marked(boolean marked, String op, Runnable work) {
        if (marked) {
            Files.exists(Path.of(FileOps.MARK, "begin", op));
        }
        work.run();
        if (marked) {
            Files.exists(Path.of(FileOps.MARK, "end", op));
        }
    }
}
