package io.jdirs.tx;

import io.jdirs.BusyException;
import io.jdirs.StorageException;
import io.jdirs.store.Store;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What the processes that have one database open share, besides its files (docs/RECOVERY.md):
 *
 * <ul>
 *   <li>{@code .jdirs/lock}, whose byte 0 is the <b>writer lock</b> (exclusive: one process commits at a
 *       time) and byte 1 the <b>open lock</b> (shared by every process that has the database open; a
 *       process that can take it exclusively is alone, and recovers what a crash left);</li>
 *   <li>{@code .jdirs/shm}, mapped into memory: the sequence numbers of the last commit appended to the
 *       journal, being applied, and published (applied and visible), with the boot it belongs to; and
 *       when a process last waited for the writer lock.</li>
 * </ul>
 *
 * Neither holds data: both are rebuilt after a reboot. The locks are POSIX record locks (Windows: file
 * locks), released by the operating system when a process dies.
 */
final class Coordinator implements AutoCloseable {
    static final String LOCK = Store.META + "/lock";
    static final String SHM = Store.META + "/shm";
    private static final long MAGIC = 0x314D485353524944L; // "DIRSSHM1" read little-endian
    private static final int MAGIC_AT = 0;
    private static final int BOOT_AT = 8;
    private static final int PUBLISHED_AT = 16;
    private static final int APPLYING_AT = 24;
    private static final int APPENDED_AT = 32;
    private static final int JOURNAL_END_AT = 40;
    private static final int WAITING_AT = 48;
    /** A wish for the writer lock stands this long after its waiter last renewed it (a dead waiter's lapses). */
    static final long WAITING_FRESH_MILLIS = 100;
    private static final int SIZE = 64;
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Path root;
    private final FileChannel lockFile;
    private final FileChannel shmFile;
    private final MappedByteBuffer shm;
    private final long boot;
    private FileLock openLock;
    private FileLock writerLock;
    private final boolean alone;

    private Coordinator(Path root, FileChannel lockFile, FileChannel shmFile, MappedByteBuffer shm, FileLock openLock) {
        this.root = root;
        this.lockFile = lockFile;
        this.shmFile = shmFile;
        this.shm = shm;
        this.boot = bootId();
        this.openLock = openLock;
        this.alone = openLock != null && !openLock.isShared();
    }

    /**
     * Opens the coordination files. If no other process has the database open, the open lock is held
     * exclusively until {@link #share()}, so that this process can recover alone.
     */
    static Coordinator open(Path root, long timeoutMillis) {
        Path lockPath = root.resolve(LOCK);
        Path shmPath = root.resolve(SHM);
        FileChannel lock = null;
        FileChannel shmChannel = null;
        try {
            lock = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (lock.size() == 0) {
                lock.write(ByteBuffer.wrap("jdirs lock file: holds no data\n".getBytes(StandardCharsets.US_ASCII)), 0);
            }
            FileLock open = lock.tryLock(1, 1, false);
            if (open == null) {
                open = waitFor(lock, 1, true, timeoutMillis, root, null);
            }
            shmChannel = FileChannel.open(shmPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (shmChannel.size() < SIZE) {
                shmChannel.write(ByteBuffer.allocate(SIZE - (int) shmChannel.size()), shmChannel.size());
            }
            MappedByteBuffer shm = shmChannel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            return new Coordinator(root, lock, shmChannel, shm, open);
        } catch (IOException e) {
            closeQuietly(lock);
            closeQuietly(shmChannel);
            throw Store.failure(Store.META, "cannot open the lock and shared-memory files", e);
        }
    }

    /** Whether this process was alone with the database when it opened it. */
    boolean alone() {
        return alone;
    }

    /** Turns an exclusive open lock (held while recovering alone) into the shared one every process holds. */
    void share() {
        if (openLock != null && !openLock.isShared()) {
            try {
                openLock.release();
                openLock = waitFor(lockFile, 1, true, 60_000, root, null);
            } catch (IOException e) {
                throw Store.failure(LOCK, "cannot share the open lock", e);
            }
        }
    }

    /** Takes the writer lock, waiting up to {@code timeoutMillis}; a no-op if this process holds it. */
    void lockWriter(long timeoutMillis) {
        if (writerLock == null) {
            writerLock = waitFor(lockFile, 0, false, timeoutMillis, root, this);
            set(WAITING_AT, 0); // the waiters left renew their wish at their next try
        }
    }

    /**
     * Whether a process other than this one has been waiting for the writer lock lately: waiters write
     * the time at every try, and the holder hands the lock over (see {@code Committer}).
     */
    boolean othersWaiting() {
        long at = get(WAITING_AT);
        return at != 0 && System.currentTimeMillis() - at < WAITING_FRESH_MILLIS;
    }

    /** Takes the writer lock if it is free; false if another process holds it. */
    boolean tryLockWriter() {
        if (writerLock != null) {
            return true;
        }
        try {
            writerLock = lockFile.tryLock(0, 1, false);
            return writerLock != null;
        } catch (IOException e) {
            throw Store.failure(LOCK, "cannot lock", e);
        }
    }

    boolean holdsWriter() {
        return writerLock != null;
    }

    void unlockWriter() {
        if (writerLock != null) {
            try {
                writerLock.release();
            } catch (IOException e) {
                throw Store.failure(LOCK, "cannot unlock", e);
            } finally {
                writerLock = null;
            }
        }
    }

    /** Takes a lock, polling; {@code waiter}, if not null, records in its shared memory that this process waits. */
    private static FileLock waitFor(FileChannel ch, long position, boolean shared, long timeoutMillis, Path root,
                                    Coordinator waiter) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long pause = 20_000;
        while (true) {
            try {
                FileLock l = ch.tryLock(position, 1, shared);
                if (l != null) {
                    return l;
                }
            } catch (OverlappingFileLockException e) {
                throw new IllegalStateException("the database is open twice in this process, bypassing the engine registry", e);
            } catch (IOException e) {
                throw Store.failure(LOCK, "cannot lock", e);
            }
            if (waiter != null) {
                waiter.set(WAITING_AT, System.currentTimeMillis());
            }
            if (System.nanoTime() > deadline) {
                throw new BusyException(root.toString(), (position == 0 ? "another process is writing" : "another process is recovering the database")
                        + " and has held the lock for more than " + timeoutMillis + " ms (setting lockTimeout)");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pause); // a held lock is polled: Java cannot wait on one with a timeout
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new BusyException(root.toString(), "interrupted while waiting for the lock");
            }
            pause = Math.min(pause * 2, 2_000_000);
        }
    }

    // ---- shared memory

    /** Whether the shared memory was written in this boot by a jdirs process (else it must be rebuilt). */
    boolean valid() {
        return get(MAGIC_AT) == MAGIC && get(BOOT_AT) == boot && boot != 0;
    }

    /** Rewrites the shared memory: every sequence number at {@code seq}, the journal {@code journalEnd} long. */
    void reset(long seq, long journalEnd) {
        set(JOURNAL_END_AT, journalEnd);
        set(PUBLISHED_AT, seq);
        set(APPLYING_AT, seq);
        set(APPENDED_AT, seq);
        set(BOOT_AT, boot);
        set(MAGIC_AT, MAGIC);
    }

    long published() {
        return get(PUBLISHED_AT);
    }

    long applying() {
        return get(APPLYING_AT);
    }

    long appended() {
        return get(APPENDED_AT);
    }

    /** The length of the journal after the last complete append (a longer journal has a torn tail). */
    long journalEnd() {
        return get(JOURNAL_END_AT);
    }

    void journalEnd(long length) {
        set(JOURNAL_END_AT, length);
    }

    /** Whether the shared memory is current and shows no commit in flight. */
    boolean quiet() {
        long p = published();
        return valid() && applying() == p && appended() == p;
    }

    void published(long seq) {
        set(PUBLISHED_AT, seq);
    }

    void applying(long seq) {
        set(APPLYING_AT, seq);
    }

    void appended(long seq) {
        set(APPENDED_AT, seq);
    }

    private long get(int at) {
        return (long) LONG.getVolatile(shm, at);
    }

    private void set(int at, long value) {
        LONG.setVolatile(shm, at, value);
    }

    /** Releases the locks and files (the shared memory stays mapped until collected). */
    @Override
    public void close() {
        unlockWriter();
        try {
            if (openLock != null && openLock.isValid()) {
                openLock.release();
            }
        } catch (IOException e) {
            throw new StorageException(LOCK, "cannot unlock: " + e.getMessage(), e);
        } finally {
            closeQuietly(lockFile);
            closeQuietly(shmFile);
        }
    }

    /**
     * An identifier of the current boot of the machine: shared memory written before a reboot is stale.
     * Linux's boot id, else the start time of process 1; 0 when neither is known (then recovery after
     * a crash always replays the whole journal).
     */
    static long bootId() {
        try {
            Path id = Path.of("/proc/sys/kernel/random/boot_id");
            if (Files.isReadable(id)) {
                return FoldIndex.hash(Files.readString(id).trim());
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return ProcessHandle.of(1).flatMap(p -> p.info().startInstant()).map(i -> i.toEpochMilli() | 1).orElse(0L);
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException ignored) {
            // closing after a failure
        }
    }
}
