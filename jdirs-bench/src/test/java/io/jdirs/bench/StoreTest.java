package io.jdirs.bench;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every store does every operation right, on a few users. Nothing here is timed. */
class StoreTest {
    @TempDir
    Path dir;

    static Stream<String> stores() {
        return Peer.ALL.stream().filter(p -> p.isStore() && !p.indexed()).map(Peer::name);
    }

    static Stream<String> indexed() {
        return Peer.ALL.stream().filter(Peer::indexed).map(Peer::name);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void everyOperationGivesTheRightUsers(String name) {
        Peer peer = Peer.named(name);
        try (Store s = peer.open(dir)) {
            s.insert(Probe.batch(0, 60));
            s.insert(Probe.batch(60, 100));
            assertThat(s.read(Workload.id(42))).isEqualTo(Workload.user(42));
            assertThat(s.read(Workload.id(100))).isNull();
            s.setScore(Workload.id(7), 12.5);
            s.transfer(Workload.id(1), Workload.id(2), Workload.id(3), 10);
        }
        try (Store s = peer.open(dir)) {
            Map<String, User> expected = new HashMap<>(Probe.batch(0, 100));
            expected.put(Workload.id(7), Workload.user(7).withScore(12.5));
            expected.put(Workload.id(1), Workload.user(1).withScore(Workload.user(1).score() - 10));
            expected.put(Workload.id(2), Workload.user(2).withScore(Workload.user(2).score() + 5));
            expected.put(Workload.id(3), Workload.user(3).withScore(Workload.user(3).score() + 5));
            Map<String, User> scanned = new HashMap<>();
            s.scan(scanned::put);
            assertThat(scanned).isEqualTo(expected);
            assertThat(s.read(Workload.id(7))).isEqualTo(expected.get(Workload.id(7)));
            queriesFind(s, expected);
        }
    }

    @ParameterizedTest
    @MethodSource("indexed")
    void indexedQueriesGiveTheRightUsers(String name) {
        Peer peer = Peer.named(name);
        peer.prepare(dir, List.of(Probe.batch(0, 300), Probe.batch(300, 700)));
        try (Store s = peer.open(dir)) {
            queriesFind(s, Probe.batch(0, 700));
        }
    }

    /** The queries find the users of {@code users} that they must. */
    private static void queriesFind(Store s, Map<String, User> users) {
        Map<String, User> older = new HashMap<>();
        users.forEach((id, u) -> {
            if (u.age() > Operation.AGE) {
                older.put(id, u);
            }
        });
        assertThat(older).isNotEmpty().hasSizeLessThan(users.size());
        assertThat(s.countOlderThan(Operation.AGE)).isEqualTo(older.size());
        Map<String, User> fetched = new HashMap<>();
        s.olderThan(Operation.AGE, fetched::put);
        assertThat(fetched).isEqualTo(older);
        for (String id : List.of(Workload.id(0), Workload.id(7), Workload.id(users.size() - 1))) {
            assertThat(s.byEmail(users.get(id).email())).isEqualTo(Map.entry(id, users.get(id)));
        }
        assertThat(s.byEmail("nobody@ex.com")).isNull();
    }
}
