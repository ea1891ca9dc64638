package io.jdirs.journal;

import io.jdirs.InvalidDataException;
import io.jdirs.Type;
import io.jdirs.format.Value;
import io.jdirs.store.Store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The redo journal, {@code .jdirs/journal}: a header line {@code jdirs journal 1 after <seq>}, then
 * records of the commits after that sequence number that may not yet be durable in the files. A
 * commit is durable once its record is; recovery applies every valid record again. Reading stops at
 * the first record that is incomplete, fails its checksum or does not follow its predecessor: a torn
 * or garbled tail is never applied. See docs/RECOVERY.md and docs/FORMAT.md.
 *
 * <pre>
 * record = "JR" length:u32 body crc32c(body):u32        (big-endian)
 * body   = seq:u64 kind:u8 count:u32 op*               (kind 0 commit, 1 staged marker)
 * op     = 1 dir name type:u8 created:u8 bytes         write
 *        | 2 dir name | 3 dir name | 4 dir name        delete, mkdir, rmtree
 *        | 5 dir name slot:u32 | 6 slot:u32 dir name   stage, place
 * dir, name = length:u32 UTF-8;  bytes = length:u32 bytes
 * </pre>
 */
public final class Journal {
    public static final String FILE = Store.META + "/journal";
    private static final String HEADER = "jdirs journal 1 after ";

    private final Store store;

    public Journal(Store store) {
        this.store = store;
    }

    /** What a read of the journal found. {@code validLength}: where the last valid record ends. */
    public record Contents(long after, List<Record> records, long validLength, long length) {
        public long lastSeq() {
            return records.isEmpty() ? after : records.get(records.size() - 1).seq();
        }
    }

    /** Reads the journal; a missing one is empty after sequence 0. */
    public Contents read() {
        byte[] b = store.read(FILE);
        if (b == null) {
            return new Contents(0, List.of(), 0, 0);
        }
        int eol = indexOf(b, (byte) '\n');
        String header = eol < 0 ? "" : new String(b, 0, eol, StandardCharsets.US_ASCII);
        long after;
        try {
            if (!header.startsWith(HEADER)) {
                throw new NumberFormatException();
            }
            after = Long.parseLong(header.substring(HEADER.length()));
        } catch (NumberFormatException e) {
            throw new InvalidDataException(FILE, "the first line is not \"" + HEADER + "<seq>\"");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        in.position(eol + 1);
        List<Record> records = new ArrayList<>();
        long valid = in.position();
        long last = after;
        while (true) {
            Record r = decode(in, last);
            if (r == null) {
                break;
            }
            records.add(r);
            last = r.seq();
            valid = in.position();
        }
        return new Contents(after, records, valid, b.length);
    }

    /** Appends records, in one write; returns the number of bytes. Not durable until {@link #sync}. */
    public int append(List<Record> records) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Record r : records) {
            encode(r, out);
        }
        store.append(FILE, out.toByteArray());
        return out.size();
    }

    public void sync() {
        store.sync(FILE);
    }

    /** Cuts off a torn tail. */
    public void truncate(long length) {
        store.truncate(FILE, length);
    }

    /** Starts an empty journal after {@code seq}: written aside, synced, renamed over, directory synced. */
    public void reset(long seq) {
        store.writeDurably(FILE, (HEADER + seq + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    // ---- encoding

    static void encode(Record r, ByteArrayOutputStream out) {
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
        try (DataOutputStream body = new DataOutputStream(bodyBytes)) {
            body.writeLong(r.seq());
            body.writeByte(r.kind().ordinal());
            body.writeInt(r.ops().size());
            for (Op op : r.ops()) {
                if (op instanceof Op.Write w) {
                    body.writeByte(1);
                    string(body, w.dir());
                    string(body, w.name());
                    body.writeByte(w.value().type().ordinal());
                    body.writeByte(w.created() ? 1 : 0);
                    body.writeInt(w.value().bytes().length);
                    body.write(w.value().bytes());
                } else if (op instanceof Op.Delete d) {
                    body.writeByte(2);
                    string(body, d.dir());
                    string(body, d.name());
                } else if (op instanceof Op.Mkdir m) {
                    body.writeByte(3);
                    string(body, m.dir());
                    string(body, m.name());
                } else if (op instanceof Op.RmTree t) {
                    body.writeByte(4);
                    string(body, t.dir());
                    string(body, t.name());
                } else if (op instanceof Op.Stage s) {
                    body.writeByte(5);
                    string(body, s.dir());
                    string(body, s.name());
                    body.writeInt(s.slot());
                } else if (op instanceof Op.Place p) {
                    body.writeByte(6);
                    body.writeInt(p.slot());
                    string(body, p.dir());
                    string(body, p.name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        byte[] b = bodyBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(b);
        ByteBuffer head = ByteBuffer.allocate(6).put((byte) 'J').put((byte) 'R').putInt(b.length);
        out.writeBytes(head.array());
        out.writeBytes(b);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The next record, or null (position unchanged) if what follows is not a valid record after {@code last}. */
    static Record decode(ByteBuffer in, long last) {
        int start = in.position();
        try {
            if (in.remaining() < 10 || in.get() != 'J' || in.get() != 'R') {
                return fail(in, start);
            }
            int length = in.getInt();
            if (length < 13 || length > in.remaining() - 4) {
                return fail(in, start);
            }
            CRC32C crc = new CRC32C();
            crc.update(in.array(), in.position(), length);
            ByteBuffer body = ByteBuffer.wrap(in.array(), in.position(), length).slice();
            in.position(in.position() + length);
            if (in.getInt() != (int) crc.getValue()) {
                return fail(in, start);
            }
            long seq = body.getLong();
            int kind = body.get();
            int count = body.getInt();
            if (seq <= last && !(kind == 1 && seq == last) || kind < 0 || kind > 1 || count < 0) {
                return fail(in, start);
            }
            List<Op> ops = new ArrayList<>(Math.min(count, 1 << 16));
            for (int i = 0; i < count; i++) {
                int code = body.get();
                switch (code) {
                    case 1: {
                        String dir = string(body);
                        String name = string(body);
                        Type type = Type.values()[body.get()];
                        boolean created = body.get() == 1;
                        byte[] content = new byte[body.getInt()];
                        body.get(content);
                        ops.add(new Op.Write(dir, name, new Value(type, content), created));
                        break;
                    }
                    case 2:
                        ops.add(new Op.Delete(string(body), string(body)));
                        break;
                    case 3:
                        ops.add(new Op.Mkdir(string(body), string(body)));
                        break;
                    case 4:
                        ops.add(new Op.RmTree(string(body), string(body)));
                        break;
                    case 5:
                        ops.add(new Op.Stage(string(body), string(body), body.getInt()));
                        break;
                    case 6: {
                        int slot = body.getInt();
                        ops.add(new Op.Place(slot, string(body), string(body)));
                        break;
                    }
                    default:
                        return fail(in, start);
                }
            }
            if (body.hasRemaining()) {
                return fail(in, start);
            }
            return new Record(seq, Record.Kind.values()[kind], ops);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException | NegativeArraySizeException e) {
            return fail(in, start);
        }
    }

    private static Record fail(ByteBuffer in, int start) {
        in.position(start);
        return null;
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String string(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length && i < 256; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }
}
