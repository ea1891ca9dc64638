package io.jdirs;

import io.jdirs.query.Parser;
import io.jdirs.query.Text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What to find under a node: a {@link Filter} on the attributes of its child nodes (or of every node of
 * its subtree), their order, how many, and which attributes to return. Immutable: each method returns
 * a changed copy. Run one with {@link Node#find}, {@link Node#count} or {@link Node#explain}.
 *
 * <pre>{@code
 * Query q = Query.parse("age > 30 and active = true order by name limit 20");
 * Query same = Query.where(Filter.gt("age", 30).and(Filter.eq("active", true))).orderBy("name").limit(20);
 * }</pre>
 *
 * <p>The text syntax (docs/QUERIES.md) is {@code [select a, b] [where] condition [order by a [desc], ...]
 * [limit n] [offset n] [after "cursor"]}; {@link #toString()} writes a query in it. Without an order,
 * nodes come in the order of their keys; ties in any order are broken by the key, in the direction of
 * the last sort key.
 */
public final class Query {
    /** One sort key: an attribute, ascending or descending. */
    public record Sort(String attribute, boolean descending) {
        public Sort {
            Objects.requireNonNull(attribute, "attribute");
        }
    }

    private static final Query ALL = new Query(List.of(), null, List.of(), -1, 0, null, false);

    private final List<String> select;
    private final Filter filter;
    private final List<Sort> order;
    private final long limit;
    private final long offset;
    private final String after;
    private final boolean subtree;

    private Query(List<String> select, Filter filter, List<Sort> order, long limit, long offset, String after,
                  boolean subtree) {
        this.select = select;
        this.filter = filter;
        this.order = order;
        this.limit = limit;
        this.offset = offset;
        this.after = after;
        this.subtree = subtree;
    }

    /** Every child node. */
    public static Query all() {
        return ALL;
    }

    /** The child nodes that match {@code filter}. */
    public static Query where(Filter filter) {
        return ALL.filter(filter);
    }

    /**
     * Reads a query from its text, for example {@code age > 30 and active = true order by name limit 20}.
     *
     * @throws QuerySyntaxException naming the position and what was expected
     */
    public static Query parse(String text) {
        return Parser.parse(text);
    }

    /** The filter; null matches every node. */
    public Filter filter() {
        return filter;
    }

    public Query filter(Filter f) {
        return new Query(select, f, order, limit, offset, after, subtree);
    }

    /** The attributes results carry ({@link Results#rows()}); empty: all of them. */
    public List<String> select() {
        return select;
    }

    public Query select(String... attributes) {
        for (String a : attributes) {
            Objects.requireNonNull(a, "attribute");
        }
        return new Query(List.of(attributes), filter, order, limit, offset, after, subtree);
    }

    public List<Sort> order() {
        return order;
    }

    /** Adds a sort key, ascending. */
    public Query orderBy(String attribute) {
        return orderBy(attribute, false);
    }

    /** Adds a sort key. */
    public Query orderBy(String attribute, boolean descending) {
        List<Sort> o = new ArrayList<>(order);
        o.add(new Sort(attribute, descending));
        return new Query(select, filter, List.copyOf(o), limit, offset, after, subtree);
    }

    /** The most results; -1 for no limit. */
    public long limit() {
        return limit;
    }

    public Query limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must be 0 or more, was " + n);
        }
        return new Query(select, filter, order, n, offset, after, subtree);
    }

    /** How many results to skip. */
    public long offset() {
        return offset;
    }

    public Query offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + n);
        }
        return new Query(select, filter, order, limit, n, after, subtree);
    }

    /** The cursor results start after (from {@link Results#cursor()}); null from the start. */
    public String after() {
        return after;
    }

    public Query after(String cursor) {
        return new Query(select, filter, order, limit, offset, cursor, subtree);
    }

    /** Whether the query covers every node under the node it runs on, at any depth, rather than its children. */
    public boolean subtree() {
        return subtree;
    }

    public Query subtree(boolean everyDepth) {
        return new Query(select, filter, order, limit, offset, after, everyDepth);
    }

    /** The query in the text syntax ({@link #subtree()} is not part of it). */
    @Override
    public String toString() {
        return Text.of(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && q.select.equals(select) && Objects.equals(q.filter, filter) && q.order.equals(order)
                && q.limit == limit && q.offset == offset && Objects.equals(q.after, after) && q.subtree == subtree;
    }

    @Override
    public int hashCode() {
        return Objects.hash(select, filter, order, limit, offset, after, subtree);
    }
}
