package io.jdirs;

import io.jdirs.format.NodePath;
import io.jdirs.tx.Tx;

/**
 * An explicit transaction, for callers that cannot use {@link Database#write}: its nodes read the
 * database overlaid with the transaction's own changes, which become visible to others all at once
 * at {@link #commit}, or never after {@link #rollback}. {@link #close} rolls back a transaction that
 * was not committed, so try-with-resources is safe. Use it from one thread at a time.
 *
 * <pre>{@code
 * try (Transaction tx = db.begin()) {
 *     tx.node("accounts/a").put("balance", 90);
 *     tx.node("accounts/b").put("balance", 110);
 *     tx.commit();
 * }
 * }</pre>
 */
public final class Transaction implements AutoCloseable {
    private final Database db;
    final Tx tx;

    Transaction(Database db, Tx tx) {
        this.db = db;
        this.tx = tx;
    }

    /** The root node as this transaction sees it. */
    public Node root() {
        return new Node(db, tx, NodePath.ROOT);
    }

    /** The node at a slash-separated path of keys, such as {@code "users/alice"}. */
    public Node node(String path) {
        return new Node(db, tx, NodePath.ROOT.resolve(path));
    }

    public void commit() {
        tx.commit();
    }

    public void rollback() {
        tx.rollback();
    }

    /** Whether the transaction can still be used: neither committed nor rolled back. */
    public boolean isActive() {
        return tx.isActive();
    }

    public boolean isReadOnly() {
        return tx.isReadOnly();
    }

    /** Rolls back if not committed. */
    @Override
    public void close() {
        if (tx.isActive()) {
            tx.rollback();
        }
    }
}
