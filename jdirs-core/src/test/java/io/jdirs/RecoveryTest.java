package io.jdirs;

import io.jdirs.format.Codec;
import io.jdirs.journal.ChangeLog;
import io.jdirs.journal.Journal;
import io.jdirs.journal.Op;
import io.jdirs.journal.Record;
import io.jdirs.journal.Redo;
import io.jdirs.store.NioFileLayer;
import io.jdirs.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery from the exact files a crash leaves, made by hand: a journal record that was made durable
 * but never applied, a commit stopped after its stages, a torn or garbled journal tail, leftovers.
 * (Deleting .jdirs/shm stands for the reboot after a power loss.)
 */
class RecoveryTest {
    @TempDir
    Path dir;
    Path path;

    @BeforeEach
    void database() {
        path = dir.resolve("db");
        try (Database db = Database.open(path)) {
            db.node("users/alice").put("age", 42).put("name", "Alice");
            db.node("users/bob").put("age", 35);
        }
    }

    private Journal journal() {
        return new Journal(Store.open(path, NioFileLayer.INSTANCE, false));
    }

    private long lastSeq() {
        return journal().read().lastSeq();
    }

    private void reboot() throws Exception {
        Files.deleteIfExists(path.resolve(".jdirs/shm"));
    }

    @Test
    void aDurableCommitThatWasNeverAppliedIsRolledForward() throws Exception {
        long seq = lastSeq() + 1;
        journal().append(List.of(Record.commit(seq, List.of(
                new Op.Write("users/alice", "age.int", Codec.encode(43), false),
                new Op.Mkdir("users", "carol"),
                new Op.Write("users/carol", "name", Codec.encode("Carol"), true),
                new Op.RmTree("users", "bob")))));
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("users/alice").getInt("age")).isEqualTo(43);
            assertThat(db.node("users/carol").getString("name")).isEqualTo("Carol");
            assertThat(db.node("users").keys()).containsExactly("alice", "carol");
        }
        String changes = Files.readString(path.resolve(".jdirs/changes/00000000000000000001.log"));
        assertThat(changes).contains(seq + "\twrite\tusers/alice/age.int\n", seq + "\trmtree\tusers/bob\n", seq + "\tcommit\t");
    }

    @Test
    void aCommitStoppedAfterItsStagesIsFinished() throws Exception {
        long seq = lastSeq() + 1;
        Record move = Record.commit(seq, List.of(new Op.Stage("users", "bob", 0), new Op.Mkdir("", "archive"),
                new Op.Place(0, "archive", "bob"), new Op.Write("archive/bob", "archived.bool", Codec.encode(true), true)));
        Store store = Store.open(path, NioFileLayer.INSTANCE, false);
        journal().reset(seq - 1);                        // a commit that moves is alone in the journal
        journal().append(List.of(move));
        Redo.stages(store, move);                        // done and durable...
        journal().append(List.of(Record.staged(seq)));   // ...and marked, then the process died
        assertThat(Files.exists(path.resolve("users/bob"))).isFalse();
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("archive/bob").attributes()).containsEntry("age", 35).containsEntry("archived", true);
            assertThat(db.node("users").keys()).containsExactly("alice");
        }
        assertThat(path.resolve(".jdirs/staging").toFile().list()).isNullOrEmpty();
    }

    @Test
    void aTornRecordIsCutOffAndNothingOfItApplied() throws Exception {
        long seq = lastSeq() + 1;
        journal().append(List.of(Record.commit(seq, List.of(new Op.Write("users/alice", "age.int", Codec.encode(99), false)))));
        Path file = path.resolve(".jdirs/journal");
        byte[] b = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(b, b.length - 3));    // power cut mid-record
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("users/alice").getInt("age")).isEqualTo(42);
            db.node("users/alice").put("age", 44);                     // and commits go on after it
        }
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("users/alice").getInt("age")).isEqualTo(44);
        }
    }

    @Test
    void garbageAfterTheLastRecordIsIgnored() throws Exception {
        Files.write(path.resolve(".jdirs/journal"), new byte[] {0, 0, 0, 0, 'J', 'R', 1, 2, 3, (byte) 0xff},
                StandardOpenOption.APPEND);
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("users/alice").getInt("age")).isEqualTo(42);
            db.node("users/bob").put("age", 36);
        }
        assertThat(journal().read().validLength()).isEqualTo(journal().read().length());
    }

    @Test
    void leftoversOfACrashAreCleanedOrIgnored() throws Exception {
        Files.createDirectories(path.resolve(".jdirs/staging/77/0"));        // a staging without a record
        Files.writeString(path.resolve("users/alice/.age.int.12.tmp"), "13\n"); // a temporary file
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("users/alice").keys()).containsExactly("age", "name");
        }
        assertThat(path.resolve(".jdirs/staging").toFile().list()).isNullOrEmpty();
    }

    @Test
    void theChangeLogIsRepairedFromTheJournal() throws Exception {
        long before = lastSeq();
        Database crashed = Database.open(path);
        crashed.node("users/alice").put("age", 50);
        crashed.crash(); // a closing process would checkpoint: the change log synced, the journal emptied
        Path log = path.resolve(".jdirs/changes/00000000000000000001.log");
        String full = Files.readString(log);
        Files.writeString(log, full.substring(0, full.lastIndexOf(before + 1 + "\t") + 3)); // torn, last commit lost
        reboot();
        try (Database db = Database.open(path)) {
            assertThat(db.node("users/alice").getInt("age")).isEqualTo(50);
        }
        List<ChangeLog.Commit> commits = new ChangeLog(Store.open(path, NioFileLayer.INSTANCE, false)).read(0, Long.MAX_VALUE);
        assertThat(commits).extracting(ChangeLog.Commit::seq).endsWith(before + 1);
    }
}
