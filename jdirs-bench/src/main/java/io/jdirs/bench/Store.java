package io.jdirs.bench;

import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A store under test, open on a directory: one method per operation of the benchmark. Each write
 * method is one transaction, as durable as the store's {@link Peer} says. A query uses the store's
 * indexes where it has them, and reads every user where it has none. Thread-safe.
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

    /** How many users are older than {@code age}: {@code age > 50} as a count. */
    long countOlderThan(int age);

    /** Every user older than {@code age}, with its six attributes, in any order. */
    void olderThan(int age, BiConsumer<String, User> each);

    /** The id and the user whose email is {@code email}; null if there is none. */
    Map.Entry<String, User> byEmail(String email);

    @Override
    void close();
}
