package io.jdirs;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@link Node#find} found: the nodes in the query's order, their attributes (those the query
 * selects, or all of them), read in the same transaction as the query, and the cursor of the next page.
 */
public final class Results implements Iterable<Node> {
    private final List<Node> nodes;
    private final List<Map<String, Object>> rows;
    private final String cursor;

    Results(List<Node> nodes, List<Map<String, Object>> rows, String cursor) {
        this.nodes = List.copyOf(nodes);
        this.rows = List.copyOf(rows);
        this.cursor = cursor;
    }

    public List<Node> nodes() {
        return nodes;
    }

    /**
     * For each node, its attributes by key with their natural values (see {@link Node#get(String)}): the
     * ones the query selects (a missing one is null), or all of them if it selects none.
     */
    public List<Map<String, Object>> rows() {
        return rows;
    }

    /**
     * Where the next page starts ({@link Query#after(String)}) when the query has a limit and more nodes
     * match; null when this page is the last.
     */
    public String cursor() {
        return cursor;
    }

    public int size() {
        return nodes.size();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    @Override
    public Iterator<Node> iterator() {
        return nodes.iterator();
    }

    @Override
    public String toString() {
        return nodes.toString();
    }
}
