package io.jdirs.bench;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Options;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

/** jdirs through its public API: each user a node {@code users/<id>}, each attribute a file. */
final class JdirsStore implements Store {
    private final Database db;
    private final Node users;

    JdirsStore(Path dir, Options options) {
        db = Database.open(dir, options);
        users = db.node("users");
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
    public void close() {
        db.close();
    }
}
