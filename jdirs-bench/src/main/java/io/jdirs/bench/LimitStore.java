package io.jdirs.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.zip.CRC32C;

/**
 * The physical limit: the file operations that jdirs' format and commit protocol need for each
 * operation, issued directly with java.nio, with no database logic (no cache, no validation, no
 * change index). The files are jdirs' own: a user is a directory of six attribute files, and every
 * write appends a journal record of jdirs' layout and size (docs/FORMAT.md section 9) and fsyncs it,
 * appends the change log, then writes new files in place and replaces old ones through a temporary
 * file and a rename. Like jdirs, it checkpoints the journal after 4,096 records (of this process) or
 * 8 MiB: every file and directory the journal's records wrote is fsynced and the journal started anew.
 *
 * <p>Queries without an index list {@code users/} and read each user's {@code age.int} (or {@code email})
 * file, then read each user found as a read does. With {@code indexed}, they read jdirs' own index files
 * instead ({@link IndexFiles}: the indexed jdirs peer makes them in the same directory), then the users
 * found. Every age is an int and every email a string, so index entries compare by their value alone.
 */
final class LimitStore implements Store {
    private static final long CHECKPOINT_BYTES = 8L << 20;
    private static final int CHECKPOINT_RECORDS = 4096;
    private static final byte STRING = 1;
    private static final byte BOOL = 2;
    private static final byte INT = 3;
    private static final byte DOUBLE = 5;
    private static final byte INSTANT = 8;
    private static final OpenOption[] CREATE = {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING};
    private static final OpenOption[] APPEND = {StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.APPEND};

    private final Path root;
    private final Path journal;
    private final Path changes;
    private final FileChannel lockFile;
    private final FileLock openLock;
    private final FileChannel shmFile;
    private final MappedByteBuffer shm;
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong journalBytes = new AtomicLong();
    private final AtomicLong journalRecords = new AtomicLong();
    private final ReadWriteLock checkpointLock = new ReentrantReadWriteLock();
    private final IndexFiles ages;
    private final IndexFiles emails;

    LimitStore(Path dir, boolean indexed) {
        root = dir;
        ages = indexed ? new IndexFiles(dir, "users@age") : null;
        emails = indexed ? new IndexFiles(dir, "users@email") : null;
        if (indexed && !(ages.exists() && emails.exists())) {
            throw new IllegalStateException(dir + " has no jdirs index on users' age and email: the peer "
                    + Peer.JDIRS_INDEXED + " makes them");
        }
        Path meta = dir.resolve(".jdirs");
        journal = meta.resolve("journal");
        changes = meta.resolve("changes.log");
        try {
            if (Files.notExists(meta.resolve("format"))) {
                Files.createDirectories(meta);
                write(meta.resolve("format"), "jdirs format 1\n".getBytes(StandardCharsets.US_ASCII), CREATE);
            }
            Files.readAllBytes(meta.resolve("format"));
            lockFile = FileChannel.open(meta.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            openLock = lockFile.lock(1, 1, true);
            shmFile = FileChannel.open(meta.resolve("shm"), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            shm = shmFile.map(FileChannel.MapMode.READ_WRITE, 0, 64);
            if (Files.notExists(journal)) {
                startJournal();
            }
            journalBytes.set(Files.size(journal));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- writing: journal, change log, files

    @Override
    public void insert(Map<String, User> batch) {
        List<Op> ops = new ArrayList<>();
        for (Map.Entry<String, User> e : batch.entrySet()) {
            String dir = "users/" + e.getKey();
            ops.add(new Op(dir, null, (byte) 0, null));
            attributes(e.getValue()).forEach((name, v) -> ops.add(new Op(dir, name, type(name), v)));
        }
        commit(ops, true);
    }

    @Override
    public void setScore(String id, double score) {
        commit(List.of(scoreOp(id, score)), false);
    }

    @Override
    public void transfer(String from, String to1, String to2, double amount) {
        commit(List.of(scoreOp(from, score(from) - amount), scoreOp(to1, score(to1) + amount / 2),
                scoreOp(to2, score(to2) + amount / 2)), false);
    }

    private double score(String id) {
        return Double.parseDouble(valueAt("users/" + id + "/score.double"));
    }

    private static Op scoreOp(String id, double score) {
        return new Op("users/" + id, "score.double", DOUBLE, text(score));
    }

    /** A write (or, with a null name, a directory made) in a directory relative to the root. */
    private record Op(String dir, String name, byte type, byte[] content) {
        String path() {
            return name == null ? dir : dir + "/" + name;
        }
    }

    /** Journal append and fsync, change log append, then the files: new ones in place, old ones replaced. */
    private void commit(List<Op> ops, boolean created) {
        checkpointLock.readLock().lock();
        try {
            long s = seq.incrementAndGet();
            byte[] record = record(s, ops, created);
            write(journal, record, APPEND);
            sync(journal);
            journalBytes.addAndGet(record.length);
            journalRecords.incrementAndGet();
            write(changes, changeLines(s, ops, created), APPEND);
            for (Op op : ops) {
                Path p = root.resolve(op.path());
                if (op.name == null) {
                    Files.createDirectories(p);
                } else if (created) {
                    write(p, op.content, CREATE);
                } else {
                    Path tmp = p.resolveSibling("." + op.name + "." + s + ".tmp");
                    write(tmp, op.content, CREATE);
                    Files.move(tmp, p, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            checkpointLock.readLock().unlock();
        }
        if (journalBytes.get() > CHECKPOINT_BYTES || journalRecords.get() > CHECKPOINT_RECORDS) {
            checkpoint();
        }
    }

    /**
     * Every file and directory the journal's records wrote (read back from the journal, as jdirs does) is
     * fsynced, and the journal started anew.
     */
    private void checkpoint() {
        checkpointLock.writeLock().lock();
        try {
            if (journalBytes.get() <= CHECKPOINT_BYTES && journalRecords.get() <= CHECKPOINT_RECORDS) {
                return;
            }
            Set<Path> dirs = new LinkedHashSet<>();
            for (String p : written(Files.readAllBytes(journal))) {
                Path file = root.resolve(p);
                sync(file);
                dirs.add(file.getParent());
            }
            for (Path d : dirs) {
                sync(d);
            }
            sync(changes);
            startJournal();
            journalBytes.set(Files.size(journal));
            journalRecords.set(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            checkpointLock.writeLock().unlock();
        }
    }

    /** Starts an empty journal: its header line written aside, fsynced, renamed over the old one, directory fsynced. */
    private void startJournal() throws IOException {
        Path tmp = journal.resolveSibling(".journal.tmp");
        write(tmp, ("jdirs journal 1 after " + seq.get() + "\n").getBytes(StandardCharsets.US_ASCII), CREATE);
        sync(tmp);
        Files.move(tmp, journal, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        sync(journal.getParent());
    }

    /** A journal record as jdirs lays it out: "JR" length body crc, the body holding every write whole. */
    private static byte[] record(long seq, List<Op> ops, boolean created) throws IOException {
        ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
        DataOutputStream body = new DataOutputStream(bodyBytes);
        body.writeLong(seq);
        body.writeByte(0);
        body.writeInt(ops.size());
        for (Op op : ops) {
            body.writeByte(op.name == null ? 3 : 1);
            int slash = op.dir.lastIndexOf('/');
            string(body, op.name == null ? op.dir.substring(0, slash) : op.dir);
            string(body, op.name == null ? op.dir.substring(slash + 1) : op.name);
            if (op.name != null) {
                body.writeByte(op.type);
                body.writeByte(created ? 1 : 0);
                body.writeInt(op.content.length);
                body.write(op.content);
            }
        }
        byte[] b = bodyBytes.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(b);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 10);
        DataOutputStream r = new DataOutputStream(out);
        r.writeByte('J');
        r.writeByte('R');
        r.writeInt(b.length);
        r.write(b);
        r.writeInt((int) crc.getValue());
        return out.toByteArray();
    }

    /** The paths the records of a journal write or make, in order, each once. */
    static Set<String> written(byte[] journal) {
        ByteBuffer in = ByteBuffer.wrap(journal);
        while (in.get() != '\n') {
            // the header line
        }
        Set<String> paths = new LinkedHashSet<>();
        while (in.remaining() > 6) {
            in.position(in.position() + 2); // "JR"
            int length = in.getInt();
            int end = in.position() + length;
            in.position(in.position() + 9); // seq, kind
            for (int ops = in.getInt(); ops > 0; ops--) {
                byte op = in.get();
                paths.add(string(in) + "/" + string(in));
                if (op == 1) {
                    in.position(in.position() + 2); // type, created
                    int content = in.getInt();
                    in.position(in.position() + content);
                }
            }
            in.position(end + 4); // the checksum
        }
        return paths;
    }

    private static String string(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] changeLines(long seq, List<Op> ops, boolean created) {
        StringBuilder b = new StringBuilder();
        for (Op op : ops) {
            b.append(seq).append('\t').append(op.name == null ? "mkdir" : created ? "create" : "write")
                    .append('\t').append(op.path()).append('\n');
        }
        b.append(seq).append("\tcommit\t").append(System.currentTimeMillis()).append('\n');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ---- reading: list the user's directory, stat its entries, read its files

    @Override
    public User read(String id) {
        Path dir = root.resolve("users/" + id);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
                    files.put(p.getFileName().toString(), readFile(p));
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new User(value(files, "name"), value(files, "email"), Integer.parseInt(value(files, "age.int")),
                Double.parseDouble(value(files, "score.double")), Boolean.parseBoolean(value(files, "active.bool")),
                Instant.parse(value(files, "created.instant")));
    }

    private static String value(Map<String, byte[]> files, String name) {
        return stripped(files.get(name));
    }

    /** An attribute file's value: its text without the final newline. */
    private static String stripped(byte[] content) {
        String s = new String(content, StandardCharsets.UTF_8);
        return s.substring(0, s.length() - 1);
    }

    /** The value in the attribute file at this path below the root. */
    private String valueAt(String path) {
        return stripped(readFile(root.resolve(path)));
    }

    @Override
    public void scan(BiConsumer<String, User> each) {
        try (DirectoryStream<Path> users = Files.newDirectoryStream(root.resolve("users"))) {
            for (Path p : users) {
                String id = p.getFileName().toString();
                each.accept(id, read(id));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One attribute of a user, found by its key in the listing of the user's directory (its type suffix unknown). */
    String attribute(String id, String key) {
        Path dir = root.resolve("users/" + id);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.equals(key) || name.startsWith(key + ".")) {
                    return stripped(readFile(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    // ---- queries: the index files, or every user's file

    @Override
    public long countOlderThan(int age) {
        if (ages != null) {
            long[] n = {0};
            ages.scan(e -> Integer.parseInt(e.value()) <= age, e -> ++n[0] > 0);
            return n[0];
        }
        long n = 0;
        for (String id : ids()) {
            n += age(id) > age ? 1 : 0;
        }
        return n;
    }

    @Override
    public void olderThan(int age, BiConsumer<String, User> each) {
        List<String> found = new ArrayList<>();
        if (ages != null) {
            found = ages.nodes(e -> Integer.parseInt(e.value()) <= age, e -> false);
        } else {
            for (String id : ids()) {
                if (age(id) > age) {
                    found.add(id);
                }
            }
        }
        found.forEach(id -> each.accept(id, read(id)));
    }

    @Override
    public Map.Entry<String, User> byEmail(String email) {
        String found = null;
        if (emails != null) {
            List<String> nodes = emails.nodes(e -> e.value().compareTo(email) < 0, e -> !e.value().equals(email));
            found = nodes.isEmpty() ? null : nodes.get(0);
        } else {
            for (String id : ids()) {
                if (valueAt("users/" + id + "/email").equals(email)) {
                    found = id;
                }
            }
        }
        return found == null ? null : Map.entry(found, read(found));
    }

    private int age(String id) {
        return Integer.parseInt(valueAt("users/" + id + "/age.int"));
    }

    /** The names in {@code users/}. */
    private List<String> ids() {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> users = Files.newDirectoryStream(root.resolve("users"))) {
            users.forEach(p -> ids.add(p.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    // ---- files as jdirs writes them

    static Map<String, byte[]> attributes(User u) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("active.bool", text(u.active()));
        m.put("age.int", text(u.age()));
        m.put("created.instant", text(u.created()));
        m.put("email", text(u.email()));
        m.put("name", text(u.name()));
        m.put("score.double", text(u.score()));
        return m;
    }

    private static byte type(String name) {
        return switch (name.substring(name.indexOf('.') + 1)) {
            case "bool" -> BOOL;
            case "int" -> INT;
            case "instant" -> INSTANT;
            case "double" -> DOUBLE;
            default -> STRING;
        };
    }

    private static byte[] text(Object value) {
        return (value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] readFile(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a file in one call, as jdirs does: created or truncated, or appended to. */
    private static void write(Path file, byte[] data, OpenOption[] options) throws IOException {
        try (FileChannel ch = FileChannel.open(file, options)) {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        }
    }

    private static void sync(Path p) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void close() {
        try {
            openLock.release();
            lockFile.close();
            shmFile.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
