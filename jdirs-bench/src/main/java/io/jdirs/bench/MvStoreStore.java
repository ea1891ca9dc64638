package io.jdirs.bench;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * H2's MVStore: one map from id to the user's six fields as one tab-separated string. Auto-commit is
 * off; each write ends with {@code commit()}, which writes a chunk to the file without an fsync, and,
 * when {@code sync} is set, {@code sync()}, which forces the file to disk. A map has no secondary index:
 * queries are a {@link FullScan}.
 */
final class MvStoreStore implements FullScan {
    private final MVStore store;
    private final MVMap<String, String> users;
    private final boolean sync;

    MvStoreStore(Path dir, boolean sync) {
        dir.toFile().mkdirs();
        this.store = new MVStore.Builder().fileName(dir.resolve("users.mv").toString()).autoCommitDisabled().open();
        this.users = store.openMap("users");
        this.sync = sync;
    }

    @Override
    public void insert(Map<String, User> batch) {
        batch.forEach((id, u) -> users.put(id, row(u)));
        commit();
    }

    @Override
    public User read(String id) {
        String row = users.get(id);
        return row == null ? null : user(row);
    }

    @Override
    public void setScore(String id, double score) {
        users.put(id, row(read(id).withScore(score)));
        commit();
    }

    @Override
    public synchronized void transfer(String from, String to1, String to2, double amount) {
        // MVStore has no multi-key transaction at this level: one commit makes the three puts durable together
        User a = read(from);
        User b = read(to1);
        User c = read(to2);
        users.put(from, row(a.withScore(a.score() - amount)));
        users.put(to1, row(b.withScore(b.score() + amount / 2)));
        users.put(to2, row(c.withScore(c.score() + amount / 2)));
        commit();
    }

    private void commit() {
        store.commit();
        if (sync) {
            store.sync();
        }
    }

    @Override
    public void scan(BiConsumer<String, User> each) {
        users.forEach((id, row) -> each.accept(id, user(row)));
    }

    static String row(User u) {
        return u.name() + '\t' + u.email() + '\t' + u.age() + '\t' + u.score() + '\t' + u.active() + '\t' + u.created();
    }

    static User user(String row) {
        String[] f = row.split("\t", -1);
        return new User(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]), Boolean.parseBoolean(f[4]),
                Instant.parse(f[5]));
    }

    @Override
    public void close() {
        store.close();
    }
}
