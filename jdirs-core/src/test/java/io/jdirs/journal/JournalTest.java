package io.jdirs.journal;

import io.jdirs.Gen;
import io.jdirs.InvalidDataException;
import io.jdirs.Props;
import io.jdirs.format.Codec;
import io.jdirs.store.NioFileLayer;
import io.jdirs.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The journal file, taken apart byte by byte: a torn or garbled tail is never read as a record. */
class JournalTest {
    @TempDir
    Path dir;
    Store store;
    Journal journal;

    @BeforeEach
    void open() {
        store = Store.open(dir.resolve("db"), NioFileLayer.INSTANCE, false);
        journal = new Journal(store);
        journal.reset(7);
    }

    static Record randomRecord(Random r, long seq) {
        List<Op> ops = new ArrayList<>();
        for (int i = r.nextInt(6); i >= 0; i--) {
            String dir = r.nextBoolean() ? "" : "users/" + Gen.codePoints(r, 1 + r.nextInt(5)).replace("/", "_");
            String name = "n" + r.nextInt(100);
            switch (r.nextInt(6)) {
                case 0 -> ops.add(new Op.Write(dir, name, Codec.encode(Gen.value(r)), r.nextBoolean()));
                case 1 -> ops.add(new Op.Delete(dir, name));
                case 2 -> ops.add(new Op.Mkdir(dir, name));
                case 3 -> ops.add(new Op.RmTree(dir, name));
                case 4 -> ops.add(new Op.Stage(dir, name, r.nextInt(5)));
                default -> ops.add(new Op.Place(r.nextInt(5), dir, name));
            }
        }
        return Record.commit(seq, ops);
    }

    @Test
    void recordsRoundTrip() {
        Props.check("journal records", 300, r -> {
            journal.reset(7);
            List<Record> written = new ArrayList<>();
            for (long seq = 8; seq < 8 + r.nextInt(5); seq++) {
                written.add(randomRecord(r, seq));
            }
            journal.append(written);
            Journal.Contents c = journal.read();
            assertThat(c.after()).isEqualTo(7);
            assertThat(c.validLength()).isEqualTo(c.length());
            assertThat(c.records()).hasSameSizeAs(written);
            for (int i = 0; i < written.size(); i++) {
                assertThat(describe(c.records().get(i))).isEqualTo(describe(written.get(i)));
            }
        });
    }

    @Test
    void aRecordCutAnywhereIsIgnoredAndEverythingBeforeItKept() throws Exception {
        Random r = new Random(1);
        journal.append(List.of(randomRecord(r, 8), randomRecord(r, 9)));
        long good = journal.read().length();
        journal.append(List.of(randomRecord(r, 10)));
        byte[] full = Files.readAllBytes(dir.resolve("db/.jdirs/journal"));
        for (int cut = (int) good; cut < full.length; cut++) {
            Files.write(dir.resolve("db/.jdirs/journal"), Arrays.copyOf(full, cut));
            Journal.Contents c = journal.read();
            assertThat(c.records()).as("cut at %d", cut).extracting(Record::seq).containsExactly(8L, 9L);
            assertThat(c.validLength()).isEqualTo(good);
        }
    }

    @Test
    void zerosGarbageAndFlippedBitsEndTheJournal() throws Exception {
        Random r = new Random(2);
        journal.append(List.of(randomRecord(r, 8)));
        long good = journal.read().length();
        byte[] base = Files.readAllBytes(dir.resolve("db/.jdirs/journal"));
        ByteArrayOutputStream next = new ByteArrayOutputStream();
        Journal.encode(randomRecord(r, 9), next);
        byte[] record = next.toByteArray();

        byte[] zeros = new byte[4096];
        assertThat(readWith(base, zeros)).containsExactly(8L);
        byte[] garbage = new byte[777];
        r.nextBytes(garbage);
        assertThat(readWith(base, garbage)).containsExactly(8L);
        for (int bit = 0; bit < record.length * 8; bit += 7) {
            byte[] flipped = record.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(readWith(base, flipped)).as("bit %d flipped", bit).containsExactly(8L);
        }
        assertThat(readWith(base, record)).containsExactly(8L, 9L);
        assertThat(journal.read().validLength()).isEqualTo(good + record.length);
    }

    @Test
    void aRecordOutOfSequenceEndsTheJournal() throws Exception {
        Random r = new Random(3);
        journal.append(List.of(randomRecord(r, 8), randomRecord(r, 8), randomRecord(r, 9)));
        assertThat(journal.read().records()).extracting(Record::seq).containsExactly(8L);
        journal.reset(7);
        journal.append(List.of(randomRecord(r, 8), Record.staged(8), randomRecord(r, 9)));
        assertThat(journal.read().records()).extracting(Record::kind)
                .containsExactly(Record.Kind.COMMIT, Record.Kind.STAGED, Record.Kind.COMMIT);
        journal.reset(7);
        journal.append(List.of(randomRecord(r, 7))); // not after the checkpoint
        assertThat(journal.read().records()).isEmpty();
    }

    @Test
    void aDamagedHeaderIsAnErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve("db/.jdirs/journal"), "hello\n");
        assertThatThrownBy(journal::read).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(".jdirs/journal: the first line is not");
        Files.delete(dir.resolve("db/.jdirs/journal"));
        assertThat(journal.read().records()).isEmpty();
    }

    private List<Long> readWith(byte[] base, byte[] tail) throws Exception {
        byte[] all = Arrays.copyOf(base, base.length + tail.length);
        System.arraycopy(tail, 0, all, base.length, tail.length);
        Files.write(dir.resolve("db/.jdirs/journal"), all);
        return journal.read().records().stream().map(Record::seq).toList();
    }

    private static String describe(Record r) {
        StringBuilder b = new StringBuilder(r.seq() + " " + r.kind());
        for (Op op : r.ops()) {
            b.append(" | ").append(op.getClass().getSimpleName()).append(' ').append(op.path());
            if (op instanceof Op.Write w) {
                b.append(' ').append(w.value().type()).append(' ').append(Arrays.toString(w.value().bytes())).append(w.created());
            } else if (op instanceof Op.Stage s) {
                b.append(' ').append(s.slot());
            } else if (op instanceof Op.Place p) {
                b.append(' ').append(p.slot());
            }
        }
        return b.toString();
    }

}
