package io.jdirs.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LimitStoreTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointFindsInTheJournalEveryPathItsRecordsWrote() throws Exception {
        try (Store s = new LimitStore(dir, false)) {
            s.insert(Probe.batch(0, 2));
            s.setScore(Workload.id(1), 3.5);
        }
        assertThat(LimitStore.written(Files.readAllBytes(dir.resolve(".jdirs/journal")))).containsExactly(
                "users/u0000000", "users/u0000000/active.bool", "users/u0000000/age.int",
                "users/u0000000/created.instant", "users/u0000000/email", "users/u0000000/name",
                "users/u0000000/score.double", "users/u0000001", "users/u0000001/active.bool", "users/u0000001/age.int",
                "users/u0000001/created.instant", "users/u0000001/email", "users/u0000001/name",
                "users/u0000001/score.double");
    }
}
