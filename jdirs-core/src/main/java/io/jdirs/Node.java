package io.jdirs;

import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.NodePath;
import io.jdirs.format.Value;
import io.jdirs.mapping.Mapper;
import io.jdirs.query.Executor;
import io.jdirs.tx.Tx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A node: a directory that behaves like a dictionary. Each key names either an attribute (a file
 * holding one typed value) or a child node (a directory), never both.
 *
 * <p>A {@code Node} is a handle, a path in a database: creating one reads nothing, and the node need
 * not exist until something is put into it (its parents are created with it). A node obtained from a
 * {@link Transaction} works inside that transaction; one obtained from {@link Database#root()} runs each
 * operation as a transaction of its own.
 *
 * <p>Values: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double},
 * {@code BigDecimal}, {@code BigInteger}, {@code Instant}, {@code LocalDate}, {@code LocalDateTime},
 * {@code OffsetDateTime}, {@code UUID} and enum constants are stored as plain text, {@code byte[]} as the
 * raw file, collections, maps, arrays and other values as pretty JSON; records and POJOs become child
 * nodes. Keys are listed in Unicode code point order.
 */
public final class Node {
    private final Database db;
    private final Tx tx;
    private final NodePath path;

    Node(Database db, Tx tx, NodePath path) {
        this.db = db;
        this.tx = tx;
        this.path = path;
    }

    // ---- navigation (no I/O)

    /** This node's key in its parent; null for the root. */
    public String key() {
        return path.key();
    }

    /** The keys from the root to this node joined by {@code /} ({@code ""} for the root). */
    public String path() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < path.depth(); i++) {
            b.append(i == 0 ? "" : "/").append(path.key(i));
        }
        return b.toString();
    }

    /** The parent node; null for the root. */
    public Node parent() {
        NodePath p = path.parent();
        return p == null ? null : new Node(db, tx, p);
    }

    /** The child node with this key (any non-empty string, {@code /} included). */
    public Node child(String key) {
        return new Node(db, tx, path.child(key));
    }

    /** The node at a slash-separated path of keys below this one, such as {@code "users/alice"}. */
    public Node node(String slashPath) {
        return new Node(db, tx, path.resolve(slashPath));
    }

    // ---- reading

    public boolean exists() {
        return read(t -> t.exists(path));
    }

    /** Whether the key names an attribute or a child node. */
    public boolean has(String key) {
        return type(key) != null;
    }

    /** What the key names: {@link Type#NODE}, an attribute's type, or null for nothing. */
    public Type type(String key) {
        return read(t -> t.type(path, key));
    }

    /**
     * An attribute's value in its natural Java type (see {@link Type#javaType()}; JSON as Map, List,
     * String, Number, Boolean), a {@code Node} for a child node, or null if the key names nothing.
     */
    public Object get(String key) {
        return read(t -> {
            return t.type(path, key) == Type.NODE ? child(key) : t.get(path, key, Object.class);
        });
    }

    /**
     * An attribute converted to {@code type}, or a child node mapped to it (a record or POJO); null if
     * the key names nothing. Strings parse as the type asked for; numbers convert when the value fits
     * exactly; every basic type reads as a String; JSON converts to any type Jackson can build.
     *
     * @throws InvalidDataException naming the file if the value cannot be read as {@code type}
     */
    public <T> T get(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return read(t -> {
            Object v = Mapper.isNode(type) && t.type(path, key) == Type.NODE
                    ? Mapper.read(t, path.child(key), type)
                    : t.get(path, key, type);
            @SuppressWarnings("unchecked")
            T cast = (T) (type.isPrimitive() ? v : type.cast(v));
            return cast;
        });
    }

    public String getString(String key) {
        return get(key, String.class);
    }

    public Integer getInt(String key) {
        return get(key, Integer.class);
    }

    public Long getLong(String key) {
        return get(key, Long.class);
    }

    public Double getDouble(String key) {
        return get(key, Double.class);
    }

    public Boolean getBoolean(String key) {
        return get(key, Boolean.class);
    }

    /** All keys, attributes and child nodes, in code point order; empty if the node does not exist. */
    public List<String> keys() {
        return read(t -> t.keys(path));
    }

    /** The child nodes in key order. */
    public List<Node> children() {
        return read(t -> {
            List<Node> out = new ArrayList<>();
            for (String key : t.keys(path)) {
                if (t.type(path, key) == Type.NODE) {
                    out.add(child(key));
                }
            }
            return out;
        });
    }

    /** The attributes with their natural values, in key order. */
    public Map<String, Object> attributes() {
        return read(t -> {
            Map<String, Object> out = new LinkedHashMap<>();
            for (String key : t.keys(path)) {
                Type type = t.type(path, key);
                if (type != null && type != Type.NODE) {
                    out.put(key, t.get(path, key, Object.class));
                }
            }
            return out;
        });
    }

    /** Reads this node as a record or POJO; null if the node does not exist. */
    public <T> T read(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return read(t -> type.cast(Mapper.read(t, path, type)));
    }

    // ---- queries

    /**
     * The nodes under this one that a query finds (its children, or with {@link Query#subtree} every node
     * below), in the query's order, with their attributes, read in one transaction.
     *
     * @throws InvalidDataException if a value the query compares does not read as its type
     */
    public Results find(Query query) {
        Objects.requireNonNull(query, "query");
        return read(t -> {
            Executor.Found f = Executor.find(t, path, query);
            List<Node> nodes = new ArrayList<>();
            f.nodes().forEach(p -> nodes.add(new Node(db, tx, p)));
            return new Results(nodes, f.rows(), f.cursor());
        });
    }

    /** {@link #find(Query)} with a query in the text syntax: {@code find("age > 30 order by name limit 20")}. */
    public Results find(String query) {
        return find(Query.parse(query));
    }

    /** The nodes a query finds, mapped to a record or POJO class in the query's transaction. */
    public <T> List<T> find(Query query, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return read(t -> {
            List<T> out = new ArrayList<>();
            for (NodePath p : Executor.find(t, path, query).nodes()) {
                out.add(type.cast(Mapper.read(t, p, type)));
            }
            return out;
        });
    }

    /** How many nodes match the query's filter (its order, limit, offset and cursor do not count). */
    public long count(Query query) {
        Objects.requireNonNull(query, "query");
        return read(t -> Executor.count(t, path, query));
    }

    public long count(String query) {
        return count(Query.parse(query));
    }

    /** How the query would run: which index it uses and why, or why it visits the nodes. */
    public String explain(Query query) {
        Objects.requireNonNull(query, "query");
        return read(t -> Executor.explain(t, path, query));
    }

    public String explain(String query) {
        return explain(Query.parse(query));
    }

    // ---- changing

    /**
     * Stores a value under a key, creating this node (and its parents) if needed. A record or POJO
     * becomes a child node (as {@link #write}); null removes the key.
     *
     * @return this node, for chaining
     */
    public Node put(String key, Object value) {
        if (value == null) {
            remove(key);
            return this;
        }
        if (value instanceof Node) {
            throw new IllegalArgumentException("a Node is not a value; move nodes with moveTo");
        }
        if (Mapper.isNode(value.getClass())) {
            NodePath child = path.child(key);
            change(t -> {
                Mapper.write(t, child, value);
                return null;
            });
        } else {
            Value v = Codec.encode(value);
            change(t -> {
                t.put(path, key, v);
                return null;
            });
        }
        return this;
    }

    /** Removes an attribute, or a child node with everything under it; false if the key named nothing. */
    public boolean remove(String key) {
        KeyCodec.encode(key);
        return change(t -> t.remove(path, key));
    }

    /** Removes this node with everything under it; false if it did not exist. */
    public boolean delete() {
        if (path.depth() == 0) {
            throw new IllegalArgumentException("the root node cannot be deleted");
        }
        return change(t -> t.remove(path.parent(), path.key()));
    }

    /** Creates this node and its parents if they do not exist. */
    public Node create() {
        change(t -> {
            t.create(path);
            return null;
        });
        return this;
    }

    /**
     * Writes an object's fields into this node (creating it): keys the object's class does not know
     * are left as they are, keys of null fields are removed.
     */
    public Node write(Object object) {
        Objects.requireNonNull(object, "object");
        if (!Mapper.isNode(object.getClass())) {
            throw new IllegalArgumentException(object.getClass().getName()
                    + " is a value, not a record or POJO; store it with put(key, value)");
        }
        change(t -> {
            Mapper.write(t, path, object);
            return null;
        });
        return this;
    }

    /**
     * Moves this node, with everything under it, to {@code target}, where nothing may be yet (its
     * parents are created). Returns the node at its new place.
     */
    public Node moveTo(Node target) {
        if (target.db != db || target.tx != tx) {
            throw new IllegalArgumentException("the target node belongs to another database or transaction");
        }
        change(t -> {
            t.move(path, target.path);
            return null;
        });
        return target;
    }

    /** Gives this node another key under the same parent; returns the node at its new place. */
    public Node rename(String newKey) {
        if (path.depth() == 0) {
            throw new IllegalArgumentException("the root node cannot be renamed");
        }
        return moveTo(parent().child(newKey));
    }

    private <T> T read(Function<Tx, T> op) {
        return tx != null ? op.apply(tx) : db.auto(true, op);
    }

    private <T> T change(Function<Tx, T> op) {
        return tx != null ? op.apply(tx) : db.auto(false, op);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.db == db && n.tx == tx && n.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path.depth() == 0 ? "/" : path();
    }
}
