package io.jdirs.bench;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every store does every operation right, on a few users. Nothing here is timed. */
class StoreTest {
    @TempDir
    Path dir;

    static Stream<String> peers() {
        return Peer.ALL.stream().map(Peer::name);
    }

    @ParameterizedTest
    @MethodSource("peers")
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
        }
    }
}
