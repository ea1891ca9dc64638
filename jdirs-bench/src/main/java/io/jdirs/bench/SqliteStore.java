package io.jdirs.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

/**
 * SQLite through sqlite-jdbc: a table {@code users}, one row per user. Each thread has its own
 * connection (as a pool would give it), with prepared statements and a busy timeout. With
 * {@code indexed}, opening it makes an index on age and a unique index on email if there are none.
 */
final class SqliteStore implements Store {
    private static final String COLUMNS = "name, email, age, score, active, created";

    private final String url;
    private final String journalMode;
    private final String synchronous;
    private final boolean indexed;
    private final Queue<Session> sessions = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<Session> session = ThreadLocal.withInitial(this::connect);

    /** One connection and its statements. */
    private record Session(Connection c, PreparedStatement select, PreparedStatement insert,
                           PreparedStatement update, PreparedStatement score, PreparedStatement count,
                           PreparedStatement older, PreparedStatement email) {
    }

    SqliteStore(Path dir, String journalMode, String synchronous, boolean indexed) {
        this.url = "jdbc:sqlite:" + dir.resolve("users.db");
        this.journalMode = journalMode;
        this.synchronous = synchronous;
        this.indexed = indexed;
        dir.toFile().mkdirs();
        session.get();
    }

    private Session connect() {
        try {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 10000");
                s.execute("PRAGMA journal_mode = " + journalMode);
                s.execute("PRAGMA synchronous = " + synchronous);
                s.execute("CREATE TABLE IF NOT EXISTS users (id TEXT PRIMARY KEY, name TEXT, email TEXT, age INT,"
                        + " score REAL, active INT, created TEXT)");
                if (indexed) {
                    s.execute("CREATE INDEX IF NOT EXISTS users_age ON users (age)");
                    s.execute("CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users (email)");
                }
            }
            Session s = new Session(c,
                    c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE id = ?"),
                    c.prepareStatement("INSERT INTO users (id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)"),
                    c.prepareStatement("UPDATE users SET score = ? WHERE id = ?"),
                    c.prepareStatement("SELECT score FROM users WHERE id = ?"),
                    c.prepareStatement("SELECT count(*) FROM users WHERE age > ?"),
                    c.prepareStatement("SELECT id, " + COLUMNS + " FROM users WHERE age > ?"),
                    c.prepareStatement("SELECT id, " + COLUMNS + " FROM users WHERE email = ?"));
            sessions.add(s);
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException(url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void insert(Map<String, User> users) {
        Session s = session.get();
        inTransaction(s, () -> {
            for (Map.Entry<String, User> e : users.entrySet()) {
                User u = e.getValue();
                s.insert.setString(1, e.getKey());
                s.insert.setString(2, u.name());
                s.insert.setString(3, u.email());
                s.insert.setInt(4, u.age());
                s.insert.setDouble(5, u.score());
                s.insert.setInt(6, u.active() ? 1 : 0);
                s.insert.setString(7, u.created().toString());
                s.insert.addBatch();
            }
            s.insert.executeBatch();
        });
    }

    @Override
    public User read(String id) {
        return query(session.get().select, id, r -> r.next() ? user(r) : null);
    }

    interface Rows<T> {
        T read(ResultSet r) throws SQLException;
    }

    /** Runs a prepared statement of one parameter, and reads its result. */
    private static <T> T query(PreparedStatement statement, Object parameter, Rows<T> rows) {
        try {
            statement.setObject(1, parameter);
            try (ResultSet r = statement.executeQuery()) {
                return rows.read(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static User user(ResultSet r) throws SQLException {
        return new User(r.getString("name"), r.getString("email"), r.getInt("age"), r.getDouble("score"),
                r.getInt("active") != 0, Instant.parse(r.getString("created")));
    }

    @Override
    public void setScore(String id, double score) {
        Session s = session.get();
        try {
            write(s, id, score);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Session s, String id, double score) throws SQLException {
        s.update.setDouble(1, score);
        s.update.setString(2, id);
        s.update.executeUpdate();
    }

    @Override
    public void transfer(String from, String to1, String to2, double amount) {
        Session s = session.get();
        inTransaction(s, () -> {
            write(s, from, score(s, from) - amount);
            write(s, to1, score(s, to1) + amount / 2);
            write(s, to2, score(s, to2) + amount / 2);
        });
    }

    private static double score(Session s, String id) throws SQLException {
        s.score.setString(1, id);
        try (ResultSet r = s.score.executeQuery()) {
            r.next();
            return r.getDouble(1);
        }
    }

    @Override
    public void scan(BiConsumer<String, User> each) {
        try (Statement st = session.get().c.createStatement();
             ResultSet r = st.executeQuery("SELECT id, " + COLUMNS + " FROM users")) {
            each(r, each);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void each(ResultSet r, BiConsumer<String, User> each) throws SQLException {
        while (r.next()) {
            each.accept(r.getString("id"), user(r));
        }
    }

    @Override
    public long countOlderThan(int age) {
        return query(session.get().count, age, r -> r.next() ? r.getLong(1) : 0);
    }

    @Override
    public void olderThan(int age, BiConsumer<String, User> each) {
        query(session.get().older, age, r -> {
            each(r, each);
            return null;
        });
    }

    @Override
    public Map.Entry<String, User> byEmail(String email) {
        return query(session.get().email, email, r -> r.next() ? Map.entry(r.getString("id"), user(r)) : null);
    }

    interface Work {
        void run() throws SQLException;
    }

    /** Runs work in a write transaction, begun IMMEDIATE so that concurrent writers wait rather than fail. */
    private static void inTransaction(Session s, Work work) {
        try (Statement st = s.c.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                work.run();
                st.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                st.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (Session s; (s = sessions.poll()) != null; ) {
            try {
                s.c.close();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
