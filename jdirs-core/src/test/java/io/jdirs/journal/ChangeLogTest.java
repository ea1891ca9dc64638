package io.jdirs.journal;

import io.jdirs.format.Codec;
import io.jdirs.store.NioFileLayer;
import io.jdirs.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeLogTest {
    @TempDir
    Path dir;
    Store store;
    ChangeLog log;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("db"), NioFileLayer.INSTANCE, false);
        log = new ChangeLog(store);
    }

    static Record commit(long seq) {
        return Record.commit(seq, List.of(new Op.Write("users/u" + seq, "age.int", Codec.encode(42), true),
                new Op.Delete("users/u" + seq, "old"), new Op.Mkdir("users", "u" + seq), new Op.RmTree("tmp", "x")));
    }

    @Test
    void linesArePlainTextOneChangeEach() throws Exception {
        log.append(List.of(commit(1)), 1_000);
        assertThat(Files.readString(dir.resolve("db/.jdirs/changes/00000000000000000001.log"))).isEqualTo(
                "1\tcreate\tusers/u1/age.int\n1\tdelete\tusers/u1/old\n1\tmkdir\tusers/u1\n1\trmtree\ttmp/x\n1\tcommit\t1000\n");
    }

    @Test
    void commitsAreReadAfterASequenceNumberUpToAnother() {
        for (long seq = 1; seq <= 5; seq++) {
            log.append(List.of(commit(seq)), seq);
        }
        assertThat(log.read(0, 5)).extracting(ChangeLog.Commit::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(log.read(2, 4)).extracting(ChangeLog.Commit::seq).containsExactly(3L, 4L);
        assertThat(log.read(4, 10)).extracting(ChangeLog.Commit::seq).containsExactly(5L); // continues from a cursor
        log.append(List.of(commit(6)), 6);
        assertThat(log.read(5, 10)).extracting(ChangeLog.Commit::seq).containsExactly(6L);
        assertThat(log.read(0, 10).get(2).changes()).containsExactly(
                new ChangeLog.Change("create", "users/u3/age.int"), new ChangeLog.Change("delete", "users/u3/old"),
                new ChangeLog.Change("mkdir", "users/u3"), new ChangeLog.Change("rmtree", "tmp/x"));
    }

    @Test
    void aTornTailIsNotReadAndIsCutOff() throws Exception {
        log.append(List.of(commit(1), commit(2)), 9);
        Path segment = dir.resolve("db/.jdirs/changes/00000000000000000001.log");
        String complete = Files.readString(segment);
        Files.writeString(segment, complete + "3\twrite\tusers/u3/age.int\n3\tdel");
        assertThat(log.read(0, 10)).extracting(ChangeLog.Commit::seq).containsExactly(1L, 2L);
        ChangeLog.Tail tail = log.tail();
        assertThat(tail.seq()).isEqualTo(2);
        log.truncate(tail);
        assertThat(Files.readString(segment)).isEqualTo(complete);
    }

    @Test
    void segmentsStartAnewWhenFullAndOldOnesArePruned() throws Exception {
        long seq = 1;
        while (segments() < 2) {
            log.append(List.of(commit(seq++)), seq);
        }
        List<Path> segments;
        try (var s = Files.list(dir.resolve("db/.jdirs/changes"))) {
            segments = s.sorted().toList();
        }
        assertThat(segments).hasSize(2);
        assertThat(segments.get(1).getFileName().toString()).isEqualTo(String.format("%020d.log", seq - 1));
        assertThat(log.read(0, seq)).hasSize((int) (seq - 1));
        Files.setLastModifiedTime(segments.get(0), FileTime.fromMillis(0));
        log.prune(1000, System.currentTimeMillis());
        try (var s = Files.list(dir.resolve("db/.jdirs/changes"))) {
            assertThat(s.toList()).containsExactly(segments.get(1));
        }
        assertThat(log.read(seq - 2, seq)).extracting(ChangeLog.Commit::seq).containsExactly(seq - 1);
    }

    private long segments() throws Exception {
        if (Files.notExists(dir.resolve("db/.jdirs/changes"))) {
            return 0;
        }
        try (var s = Files.list(dir.resolve("db/.jdirs/changes"))) {
            return s.count();
        }
    }
}
