package io.jdirs.tx;

import io.jdirs.StorageException;
import io.jdirs.index.IndexWriter;
import io.jdirs.journal.ChangeLog;
import io.jdirs.journal.Journal;
import io.jdirs.journal.Op;
import io.jdirs.journal.Record;
import io.jdirs.journal.Redo;
import io.jdirs.store.FileLayer;
import io.jdirs.store.Store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commits transactions (docs/RECOVERY.md describes the protocol):
 *
 * <ol>
 *   <li>take the writer lock (this process's, then the database's), learning other processes' commits;</li>
 *   <li>validate: nothing the transaction read changed since its snapshot;</li>
 *   <li>compile its changes into operations and append them to the journal as record {@code seq};</li>
 *   <li>flush: fsync the journal (one fsync for every record appended meanwhile: group commit), append
 *       the change log, announce {@code applying} in the shared memory, apply the operations to the
 *       files, publish.</li>
 * </ol>
 *
 * A commit that moves directories runs alone, with the journal checkpointed before and after it, and
 * its stage operations made durable and marked in the journal before the rest. The journal is
 * checkpointed (files and directories it touched fsynced, then started anew) when it grows large.
 *
 * <p>Locks, always taken in this order when several are needed, so that they never deadlock:
 * {@code syncLock} (one journal fsync at a time), {@code applyLock} (one batch applied at a time, in
 * order), {@code commitLock} (validating and appending; briefly, the pending list).
 */
final class Committer {
    static final long CHECKPOINT_BYTES = 8L << 20;
    static final int CHECKPOINT_RECORDS = 4096;

    private final Engine engine;
    private final Store store;
    private final Journal journal;
    private final ChangeLog changes;
    private final Coordinator coordinator;
    private final Syncer syncer;
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ReentrantLock applyLock = new ReentrantLock();
    /** Relaxed commits pending beyond this make the committing thread flush them itself. */
    static final int MAX_PENDING = 1024;

    private final java.util.ArrayDeque<Record> pending = new java.util.ArrayDeque<>(); // appended, not applied, in order; guarded by commitLock
    private long lastSeq;          // guarded by commitLock
    private volatile long synced;  // written under syncLock
    private volatile long applied; // written under applyLock
    private long journalBytes;     // since the last checkpoint; guarded by commitLock
    private int journalRecords;
    private volatile RuntimeException failure;

    Committer(Engine engine) {
        this.engine = engine;
        this.store = engine.store;
        this.journal = new Journal(store);
        this.changes = engine.changes;
        this.coordinator = engine.coordinator;
        this.syncer = new Syncer(store);
    }

    void checkUsable() {
        RuntimeException f = failure;
        if (f != null) {
            throw Engine.unusable(store.root().toString(), f);
        }
    }

    // ---- committing

    /**
     * Commits a transaction's changes (its tree of node states, and what it changes in indexes); returns
     * when they are durable and visible (durable mode).
     */
    void commit(Tx tx, NodeState root, IndexWriter index) {
        boolean backlog;
        if (tx.isExclusive()) {
            commitHeld(tx, root, index);
            return;
        }
        if (tx.hasMoves()) {
            lockExclusive();
            try {
                commitHeld(tx, root, index);
            } finally {
                unlockExclusive();
            }
            return;
        }
        long seq;
        while (true) {
            long drain = handOverDue();
            if (drain > 0) {
                flush(drain); // the writer lock goes with the last pending commit
                continue;
            }
            lock(commitLock);
            try {
                checkUsable();
                if (handingOver && coordinator.holdsWriter()) {
                    continue; // another thread appended meanwhile: drain again
                }
                acquireWriter();
                List<Op> ops;
                try {
                    tx.validate();
                    ops = compile(root, index);
                } catch (RuntimeException e) {
                    releaseIfIdle(); // a refused commit must not keep other processes waiting for the writer lock
                    throw e;
                }
                if (ops.isEmpty()) {
                    releaseIfIdle();
                    return;
                }
                Record r = appendCommit(ops);
                pending.add(r);
                seq = r.seq();
                backlog = pending.size() >= MAX_PENDING;
                break;
            } finally {
                commitLock.unlock();
            }
        }
        if (engine.settings.durable() || backlog) {
            flush(seq);
        } else if (flusher == null) {
            startFlusher();
        }
    }

    // ---- fairness: handing the writer lock over to waiting processes

    /**
     * How long a process keeps the writer lock while other processes wait for it. Its threads may keep
     * appending commits while earlier ones are applied, so that it would otherwise never be idle.
     */
    static final long QUANTUM_NANOS = 200_000_000;
    /** How long a process that handed the writer lock over lets a waiting one take it before trying again. */
    static final long HAND_OVER_NANOS = 100_000_000;

    private long writerSince;             // when this process took the writer lock; guarded by commitLock
    private volatile boolean waitingForWriter; // a thread holding commitLock waits for another process's writer lock
    private volatile boolean handingOver; // no commit is appended until the writer lock has been released

    /**
     * Whether this process must let other processes have the writer lock: it has held it for a quantum
     * while they wait. Then no commit is appended until what is pending is applied and the lock released;
     * returns the last commit to flush first, or 0 (nothing to drain, or no hand-over due).
     */
    private long handOverDue() {
        lock(commitLock);
        try {
            if (!coordinator.holdsWriter()) {
                return 0;
            }
            if (!handingOver && (System.nanoTime() - writerSince < QUANTUM_NANOS || !coordinator.othersWaiting())) {
                return 0;
            }
            handingOver = true;
            if (pending.isEmpty() && applied == lastSeq) {
                releaseIfIdle();
                return 0;
            }
            return lastSeq;
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * After handing the writer lock over: waits (with commitLock held, so this process's other threads
     * wait too) until a waiting process has taken it and appended, or no longer waits, or for
     * {@link #HAND_OVER_NANOS}; otherwise this process, polling faster, would take it straight back.
     */
    private void letWaitersIn() {
        if (!handingOver) {
            return;
        }
        handingOver = false;
        long seen = coordinator.appended();
        long end = System.nanoTime() + HAND_OVER_NANOS;
        while (coordinator.othersWaiting() && coordinator.appended() == seen && System.nanoTime() < end) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    // ---- relaxed durability: a thread writes what is pending every flushInterval

    private volatile Thread flusher;
    private volatile boolean stopping;

    private synchronized void startFlusher() {
        if (flusher == null && !stopping) {
            Thread t = new Thread(this::flushLoop, "jdirs flush " + store.root());
            t.setDaemon(true);
            flusher = t;
            t.start();
        }
    }

    private void flushLoop() {
        while (!stopping && failure == null) {
            java.util.concurrent.locks.LockSupport.parkNanos(engine.settings.flushInterval() * 1_000_000);
            long seq;
            commitLock.lock();
            try {
                seq = pending.isEmpty() ? 0 : lastSeq;
            } finally {
                commitLock.unlock();
            }
            try {
                if (seq > 0) {
                    flush(seq);
                }
            } catch (RuntimeException e) {
                // recorded as the failure that makes the database unusable (guard), or busy: tried again
            }
        }
    }

    private void stopFlusher() {
        stopping = true;
        Thread t = flusher;
        if (t != null && t != Thread.currentThread()) {
            java.util.concurrent.locks.LockSupport.unpark(t);
            try {
                t.join(engine.settings.lockTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Appends a commit record and announces it. Called with commitLock and the writer lock held. */
    private Record appendCommit(List<Op> ops) {
        long seq = lastSeq + 1;
        Record r = Record.commit(seq, ops);
        append(r);
        lastSeq = seq;
        engine.announce(r);
        coordinator.appended(seq);
        return r;
    }

    /**
     * Makes every record up to {@code seq} durable, then applies and publishes them. The two steps have
     * locks of their own, so that one batch is synced while the one before it is applied.
     */
    void flush(long seq) {
        if (synced < seq) {
            lock(syncLock);
            try {
                if (synced < seq) {
                    long target;
                    commitLock.lock();
                    try {
                        target = lastSeq;
                    } finally {
                        commitLock.unlock();
                    }
                    guard(journal::sync); // every record appended until now is durable from here
                    synced = target;
                }
            } finally {
                syncLock.unlock();
            }
        }
        lock(applyLock);
        try {
            if (applied >= seq) {
                return;
            }
            // the batch is the oldest pending records, up to what is synced as of now: read once, as
            // another thread may sync more meanwhile, and a batch with a gap would lose the record in it
            List<Record> batch = new ArrayList<>();
            long upTo = synced;
            commitLock.lock();
            try {
                for (Record r : pending) {
                    if (r.seq() > upTo) {
                        break;
                    }
                    batch.add(r);
                }
            } finally {
                commitLock.unlock();
            }
            if (batch.isEmpty()) {
                return;
            }
            apply(batch); // other threads go on appending and syncing meanwhile: they touch none of these entries
            commitLock.lock();
            try {
                maybeCheckpoint();
                releaseIfIdle();
            } finally {
                commitLock.unlock();
            }
        } finally {
            applyLock.unlock();
        }
    }

    /**
     * Applies durable records and publishes them. Called with {@code applyLock} held; commits may be
     * appended and synced meanwhile (validation keeps them off the entries these records change).
     */
    private void apply(List<Record> batch) {
        guard(() -> {
            long lastSeq = batch.get(batch.size() - 1).seq();
            changes.append(batch, System.currentTimeMillis());
            coordinator.applying(lastSeq);
            for (Record r : coalesced(batch)) {
                Redo.apply(store, r, false);
            }
            commitLock.lock();
            try {
                for (Record r : batch) { // the batch is the oldest pending records, without a gap
                    if (pending.pollFirst() != r) {
                        throw new IllegalStateException("commit " + r.seq() + " is not the oldest pending one");
                    }
                }
            } finally {
                commitLock.unlock();
            }
            engine.applied(batch);
            coordinator.published(lastSeq);
            applied = lastSeq;
            syncer.submit(batch); // its files made durable in the background, before the next checkpoint
        });
    }

    /**
     * A batch without the writes that a later write or delete of the same file in the batch replaces
     * (a hot file written by many commits is written once). The journal and the change log keep every
     * commit; only what reaches the files is spared.
     */
    static List<Record> coalesced(List<Record> batch) {
        if (batch.size() < 2) {
            return batch;
        }
        java.util.Map<String, Op> last = new java.util.HashMap<>();
        for (Record r : batch) {
            if (r.isStructural()) {
                return batch;
            }
            for (Op op : r.ops()) {
                if (op instanceof Op.Write || op instanceof Op.Delete) {
                    last.put(op.path(), op);
                }
            }
        }
        List<Record> out = new ArrayList<>(batch.size());
        for (Record r : batch) {
            List<Op> kept = new ArrayList<>(r.ops().size());
            for (Op op : r.ops()) {
                if (!(op instanceof Op.Write) || last.get(op.path()) == op) {
                    kept.add(op);
                }
            }
            out.add(kept.size() == r.ops().size() ? r : Record.commit(r.seq(), kept));
        }
        return out;
    }

    /**
     * Takes every lock a commit needs, and the database's writer lock, and applies what is pending: from
     * here until {@link #unlockExclusive}, this thread alone reads and writes the database, so its
     * transaction cannot conflict. Moves commit this way, and transactions that conflicted too often run so.
     */
    void lockExclusive() {
        lock(syncLock);
        try {
            lock(applyLock);
            try {
                lock(commitLock);
                try {
                    checkUsable();
                    acquireWriter();
                    if (!pending.isEmpty()) {
                        guard(journal::sync);
                        synced = lastSeq;
                        apply(new ArrayList<>(pending));
                    }
                } catch (RuntimeException e) {
                    commitLock.unlock();
                    throw e;
                }
            } catch (RuntimeException e) {
                applyLock.unlock();
                throw e;
            }
        } catch (RuntimeException e) {
            syncLock.unlock();
            throw e;
        }
    }

    void unlockExclusive() {
        try {
            releaseIfIdle();
        } finally {
            commitLock.unlock();
            applyLock.unlock();
            syncLock.unlock();
        }
    }

    /**
     * Commits with every lock held. A commit that moves directories is alone in the journal (which is
     * checkpointed before and after it), and its stages are made durable and marked in the journal
     * before the rest is applied.
     */
    private void commitHeld(Tx tx, NodeState root, IndexWriter index) {
        checkUsable();
        tx.validate();
        boolean structural = tx.hasMoves();
        if (structural) {
            checkpoint();
        }
        List<Op> ops = compile(root, index);
        if (ops.isEmpty()) {
            return;
        }
        Record r = appendCommit(ops);
        if (!r.isStructural()) {
            pending.add(r);
            guard(journal::sync);
            synced = r.seq();
            apply(List.of(r));
            maybeCheckpoint();
            return;
        }
        long seq = r.seq();
        guard(() -> {
            journal.sync();
            synced = seq;
            changes.append(List.of(r), System.currentTimeMillis());
            coordinator.applying(seq);
            Redo.stages(store, r); // durable when it returns
            journalBytes += journal.append(List.of(Record.staged(seq)));
            coordinator.journalEnd(journalBytes);
            journal.sync();
            Redo.rest(store, r);
            engine.applied(List.of(r));
            coordinator.published(seq);
            applied = seq;
        });
        checkpoint();
    }

    /**
     * The file operations of a commit: its data changes in order, then its index changes, computed from
     * the newest index files (with the writer lock held, nothing newer can exist).
     */
    private List<Op> compile(NodeState root, IndexWriter index) {
        List<Op> ops = root == null ? new ArrayList<>() : Compiler.compile(engine, root);
        if (index != null && !index.isEmpty()) {
            ops.addAll(index.ops(engine::latest));
        }
        return ops;
    }

    /** Appends a record; if the append fails, cuts the journal back so that no torn record stays in it. */
    private void append(Record r) {
        long before = journalBytes;
        try {
            journalBytes += journal.append(List.of(r));
        } catch (RuntimeException e) {
            try {
                journal.truncate(before);
            } catch (RuntimeException again) {
                failure = again;
            }
            throw e;
        }
        journalRecords++;
        coordinator.journalEnd(journalBytes);
    }

    /** Runs a step after which the files may differ from what this process believes: a failure makes it unusable. */
    private void guard(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            failure = e;
            engine.dropCache();
            throw e instanceof StorageException ? e : new StorageException(store.root().toString(), e.toString(), e);
        }
    }

    /** Takes the writer lock (this process must hold {@code commitLock}); catches up; finishes a dead writer's work. */
    private void acquireWriter() {
        if (coordinator.holdsWriter()) {
            return;
        }
        letWaitersIn();
        waitingForWriter = true;
        try {
            coordinator.lockWriter(engine.settings.lockTimeout());
        } finally {
            waitingForWriter = false;
        }
        writerSince = System.nanoTime();
        try {
            engine.catchUp();
            FileLayer.Stat journalStat = store.stat(Journal.FILE);
            if (journalStat.kind() == FileLayer.Kind.MISSING) { // deleted, or never made: start one
                journal.reset(Math.max(coordinator.appended(), coordinator.published()));
                coordinator.journalEnd(store.stat(Journal.FILE).size());
                journalStat = store.stat(Journal.FILE);
            }
            journalBytes = journalStat.size();
            if (coordinator.applying() > coordinator.published() || coordinator.appended() > coordinator.published()
                    || journalBytes != coordinator.journalEnd()) {
                // a writer died: finish what its journal holds, cut off what it did not finish appending
                Journal.Contents c = journal.read();
                long last = replay(c, coordinator.published());
                journalBytes = store.stat(Journal.FILE).size();
                coordinator.reset(last, journalBytes);
            }
            lastSeq = Math.max(coordinator.appended(), coordinator.published());
            applied = Math.max(applied, lastSeq); // what other processes committed is applied (or was just replayed)
            synced = Math.max(synced, lastSeq);
        } catch (RuntimeException e) {
            coordinator.unlockWriter();
            throw e;
        }
    }

    /** Finishes the work of a writer that died, if the writer lock is free (called by waiting readers). */
    void helpRecover() {
        if (!commitLock.tryLock()) {
            return; // this process is committing: it will see to it
        }
        try {
            if (!coordinator.holdsWriter() && coordinator.tryLockWriter()) {
                coordinator.unlockWriter();
                acquireWriter();
                releaseIfIdle();
            }
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * Releases the database's writer lock once everything this process appended is published (not
     * merely taken out of the pending list by a thread still applying it). Called with commitLock held.
     */
    private void releaseIfIdle() {
        if (pending.isEmpty() && applied == lastSeq) {
            coordinator.unlockWriter();
        }
    }

    // ---- recovery and checkpoints

    /**
     * At opening, alone with the database: applies again the journal records a crash may have left
     * unapplied (all since the last checkpoint if the machine rebooted), repairs the change log, and
     * rebuilds the shared memory.
     */
    void recoverAlone() {
        if (coordinator.quiet()) {
            return; // the last process left nothing in flight, in this boot: nothing to do
        }
        coordinator.lockWriter(engine.settings.lockTimeout());
        try {
            Journal.Contents c = journal.read();
            long from = coordinator.valid() ? coordinator.published() : c.after();
            long last = replay(c, from);
            store.deleteTree(Store.META + "/staging");
            if (store.kind(Journal.FILE) == FileLayer.Kind.MISSING) {
                journal.reset(last);
            }
            coordinator.reset(last, store.stat(Journal.FILE).size());
            engine.recovered(List.of(), last);
            engine.index.forget(last);
        } finally {
            coordinator.unlockWriter();
        }
    }

    /**
     * Applies the commits of the journal after {@code from} (a torn tail is cut off first), and makes
     * the change log end with the journal's last commit. Returns the last sequence number.
     */
    private long replay(Journal.Contents c, long from) {
        if (c.validLength() < c.length()) {
            journal.truncate(c.validLength());
        }
        ChangeLog.Tail tail = changes.tail();
        changes.truncate(tail);
        List<Record> missing = new ArrayList<>();
        Set<Long> staged = new HashSet<>();
        for (Record r : c.records()) {
            if (r.kind() == Record.Kind.STAGED) {
                staged.add(r.seq());
            } else if (r.seq() > tail.seq()) {
                missing.add(r);
            }
        }
        changes.append(missing, System.currentTimeMillis());
        List<Record> replayed = new ArrayList<>();
        for (Record r : c.records()) {
            if (r.kind() == Record.Kind.COMMIT && r.seq() > from) {
                Redo.apply(store, r, staged.contains(r.seq()));
                replayed.add(r);
            }
        }
        long last = Math.max(c.lastSeq(), tail.seq());
        engine.recovered(replayed, last);
        return last;
    }

    /** Checkpoints a large journal, when nothing is pending (records appended but not applied must stay in it). */
    private void maybeCheckpoint() {
        if ((journalBytes > CHECKPOINT_BYTES || journalRecords > CHECKPOINT_RECORDS) && pending.isEmpty() && applied == lastSeq) {
            checkpoint();
        }
    }

    /**
     * Makes durable every file and directory the journal's commits touched, and the change log, then
     * starts the journal anew. Called with the writer lock and both locks held, nothing pending.
     */
    private void checkpoint() {
        guard(() -> {
            Journal.Contents c = journal.read();
            if (c.records().isEmpty()) {
                return;
            }
            List<Record> unsynced = new ArrayList<>();
            for (Record r : c.records()) {
                if (!syncer.isSynced(r.seq())) {
                    unsynced.add(r);
                }
            }
            Syncer.sync(store, unsynced);
            changes.sync();
            journal.reset(c.lastSeq());
            syncer.forgetUpTo(c.lastSeq());
            journalBytes = store.stat(Journal.FILE).size();
            coordinator.journalEnd(journalBytes);
            journalRecords = 0;
            changes.prune(engine.settings.changeRetention(), System.currentTimeMillis());
        });
    }

    // ---- closing

    /** Writes what is pending and releases the writer lock; a failure to write it is reported, not swallowed. */
    void close() {
        stopFlusher();
        syncer.stop(); // nothing to wait for: the journal keeps what is not synced yet
        if (failure != null) {
            abandon();
            throw Engine.unusable(store.root().toString(), failure);
        }
        long seq;
        commitLock.lock();
        try {
            seq = lastSeq;
        } finally {
            commitLock.unlock();
        }
        flush(seq);
        checkpointAtClose();
        commitLock.lock();
        try {
            coordinator.unlockWriter();
        } finally {
            commitLock.unlock();
        }
    }

    /**
     * A process that committed checkpoints the journal as it closes: otherwise the next checkpoint, in
     * whatever process reaches it, would sync every file this one wrote (a whole bulk load, or the
     * commits of many short processes) while it holds the commit locks. If other processes keep the
     * writer lock past {@code lockTimeout}, it is left to them.
     */
    private void checkpointAtClose() {
        if (journalRecords == 0) {
            return;
        }
        try {
            lockExclusive();
        } catch (io.jdirs.BusyException busy) {
            return;
        }
        try {
            checkpoint();
        } finally {
            unlockExclusive();
        }
    }

    /** Forgets what is pending, as a killed process would. */
    void abandon() {
        stopFlusher();
        syncer.stop();
        commitLock.lock();
        try {
            pending.clear();
        } finally {
            commitLock.unlock();
        }
    }

    private void lock(ReentrantLock l) {
        try {
            if (!l.tryLock(engine.settings.lockTimeout(), TimeUnit.MILLISECONDS)) {
                throw new io.jdirs.BusyException(store.root().toString(), (waitingForWriter
                        ? "another process has been writing (this process's commits waited for it)"
                        : "other threads of this process have been committing")
                        + " for more than " + engine.settings.lockTimeout() + " ms (setting lockTimeout)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.jdirs.BusyException(store.root().toString(), "interrupted while waiting to commit");
        }
    }
}
