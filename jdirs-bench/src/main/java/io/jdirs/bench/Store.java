package io.jdirs.bench;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A store under test, open on a directory: one method per operation of the benchmark. Each write
 * method is one transaction, as durable as the store's {@link Peer} says. Thread-safe.
 */
public interface Store extends AutoCloseable {
    /** Adds users, by id, new to the store, in one transaction. */
    void insert(Map<String, User> users);

    /** The user with this id; null if there is none. */
    User read(String id);

    /** Sets one attribute, the score, of one user. */
    void setScore(String id, double score);

    /** One transaction touching three users: moves {@code amount} of score from the first to the other two. */
    void transfer(String from, String to1, String to2, double amount);

    /** Reads every user, in any order. */
    void scan(BiConsumer<String, User> each);

    @Override
    void close();
}
