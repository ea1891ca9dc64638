package io.jdirs.tx;

import io.jdirs.journal.Op;
import io.jdirs.journal.Record;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes the files of applied commits durable in the background, so that a checkpoint (which must
 * have every file and directory of the journal's records synced before it empties the journal) finds
 * little left to do and holds the commit locks only briefly. It waits until {@link #BATCH} commits or
 * {@link #WAIT_MILLIS} have gathered, so that a file written by many commits is synced once, as the
 * checkpoint would. It remembers which of this process's commits it has synced; a checkpoint syncs the
 * paths of every other record itself. A failed sync is simply not remembered: the checkpoint does it
 * again, and reports a failure.
 */
final class Syncer {
    static final int BATCH = 512;
    static final long WAIT_MILLIS = 250;

    private final Store store;
    private final ConcurrentLinkedQueue<List<Record>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger(); // records in the queue
    private final Set<Long> synced = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean stopped;

    Syncer(Store store) {
        this.store = store;
    }

    /** Queues applied commits for syncing. */
    void submit(List<Record> batch) {
        if (stopped) {
            return;
        }
        if (thread == null) {
            start();
        }
        queue.add(batch);
        if (queued.addAndGet(batch.size()) >= BATCH) {
            LockSupport.unpark(thread); // else it wakes by itself: not once per commit
        }
    }

    boolean isSynced(long seq) {
        return synced.contains(seq);
    }

    /** The journal was emptied after {@code seq}: nothing before it needs remembering. */
    void forgetUpTo(long seq) {
        synced.removeIf(s -> s <= seq);
    }

    private synchronized void start() {
        if (thread == null && !stopped) {
            Thread t = new Thread(this::run, "jdirs sync " + store.root());
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            if (queued.get() < BATCH) {
                LockSupport.parkNanos(WAIT_MILLIS * 1_000_000);
            }
            if (Thread.interrupted()) {
                return;
            }
            List<Record> records = new ArrayList<>();
            for (List<Record> batch; (batch = queue.poll()) != null; ) {
                queued.addAndGet(-batch.size());
                records.addAll(batch);
            }
            if (records.isEmpty()) {
                continue;
            }
            try {
                sync(store, records);
                records.forEach(r -> synced.add(r.seq()));
            } catch (RuntimeException failed) {
                // not remembered: the checkpoint syncs these paths and reports the failure
            }
        }
    }

    /** Syncs every file the records wrote, then every directory they changed, parents first. */
    static void sync(Store store, List<Record> records) {
        Set<String> files = new LinkedHashSet<>();
        Set<String> dirs = new LinkedHashSet<>();
        for (Record r : records) {
            for (Op op : r.ops()) {
                dirs.add(op.dir());
                if (op instanceof Op.Write) {
                    files.add(op.path());
                } else if (op instanceof Op.Mkdir || op instanceof Op.Place) {
                    dirs.add(op.path());
                }
            }
        }
        for (String f : files) {
            syncIfExists(store, f);
        }
        List<String> parentsFirst = new ArrayList<>(dirs);
        parentsFirst.sort(Comparator.comparingInt(d -> d.isEmpty() ? 0 : d.split("/").length));
        for (String d : parentsFirst) {
            syncIfExists(store, d);
        }
    }

    private static void syncIfExists(Store store, String path) {
        if (store.kind(path) != FileLayer.Kind.MISSING) {
            store.sync(path);
        }
    }
}
