package io.jdirs.bench;

import io.jdirs.Database;
import io.jdirs.Filter;
import io.jdirs.Node;
import io.jdirs.Options;
import io.jdirs.Query;
import io.jdirs.Results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * jdirs through its public API: each user a node {@code users/<id>}, each attribute a file. With
 * {@code indexed}, opening it makes an index on age and a unique index on email if there are none.
 */
final class JdirsStore implements Store {
    /**
     * How long before making the indexes nothing may have been written: a little more than the 2 s that
     * jdirs' check time is recorded early (docs/FORMAT.md section 12), so that every file is older than
     * the index's check, and a process's first use of the index stats the files and reads none again.
     */
    private static final long SETTLE_MILLIS = 2100;

    private final Database db;
    private final Node users;

    JdirsStore(Path dir, Options options, boolean indexed) {
        db = Database.open(dir, options);
        users = db.node("users");
        if (indexed && db.indexes().isEmpty()) {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            db.createIndex("users", "age");
            db.createUniqueIndex("users", "email");
        }
    }

    @Override
    public void insert(Map<String, User> batch) {
        db.update(tx -> {
            Node in = tx.node("users");
            batch.forEach((id, user) -> in.child(id).write(user));
        });
    }

    @Override
    public User read(String id) {
        return users.child(id).read(User.class);
    }

    @Override
    public void setScore(String id, double score) {
        users.child(id).put("score", score);
    }

    @Override
    public void transfer(String from, String to1, String to2, double amount) {
        db.update(tx -> {
            Node in = tx.node("users");
            Node a = in.child(from);
            Node b = in.child(to1);
            Node c = in.child(to2);
            a.put("score", a.getDouble("score") - amount);
            b.put("score", b.getDouble("score") + amount / 2);
            c.put("score", c.getDouble("score") + amount / 2);
        });
    }

    @Override
    public void scan(BiConsumer<String, User> each) {
        for (String id : users.keys()) {
            each.accept(id, users.child(id).read(User.class));
        }
    }

    @Override
    public long countOlderThan(int age) {
        return users.count(Query.where(Filter.gt("age", age)));
    }

    /** {@code find}, whose rows carry the attributes (read in the query's transaction) and whose nodes the keys. */
    @Override
    public void olderThan(int age, BiConsumer<String, User> each) {
        Results r = users.find(Query.where(Filter.gt("age", age)));
        List<Map<String, Object>> rows = r.rows();
        for (int i = 0; i < rows.size(); i++) {
            each.accept(r.nodes().get(i).key(), user(rows.get(i)));
        }
    }

    @Override
    public Map.Entry<String, User> byEmail(String email) {
        Results r = users.find(Query.where(Filter.eq("email", email)));
        return r.isEmpty() ? null : Map.entry(r.nodes().get(0).key(), user(r.rows().get(0)));
    }

    private static User user(Map<String, Object> row) {
        return new User((String) row.get("name"), (String) row.get("email"), (Integer) row.get("age"),
                (Double) row.get("score"), (Boolean) row.get("active"), (Instant) row.get("created"));
    }

    @Override
    public void close() {
        db.close();
    }
}
