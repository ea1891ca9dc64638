package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Type;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Walks a subtree depth-first, children in key order, one node at a time: each node is read in a
 * transaction of its own, so a walk holds one node in memory (and the keys still to visit), never
 * the database, and other processes can write meanwhile.
 */
final class Walk {
    /** What to read from a node, inside its transaction: it may run again after a conflict. */
    interface Reader<T> {
        T read(Node node, Map<String, Type> entries);
    }

    private record Step<T>(List<String> children, T value) {
    }

    private Walk() {
    }

    /**
     * Reads each node of the subtree at {@code top} with {@code reader}, then hands the keys from
     * {@code top} to the node and what was read to {@code visit}. Nodes removed meanwhile are skipped.
     */
    static <T> void each(Database db, KeyPath top, Reader<T> reader, BiConsumer<List<String>, T> visit) {
        Deque<List<String>> todo = new ArrayDeque<>();
        todo.push(List.of());
        while (!todo.isEmpty()) {
            List<String> keys = todo.pop();
            KeyPath at = top.resolve(keys);
            Step<T> step = db.read(tx -> {
                Node node = at.node(tx.root());
                if (!node.exists()) {
                    return null;
                }
                Map<String, Type> entries = new LinkedHashMap<>();
                List<String> children = new ArrayList<>();
                for (String key : node.keys()) {
                    Type type = node.type(key);
                    entries.put(key, type);
                    if (type == Type.NODE) {
                        children.add(key);
                    }
                }
                return new Step<>(children, reader.read(node, entries));
            });
            if (step == null) {
                continue;
            }
            visit.accept(keys, step.value());
            for (int i = step.children().size() - 1; i >= 0; i--) {
                List<String> child = new ArrayList<>(keys);
                child.add(step.children().get(i));
                todo.push(child);
            }
        }
    }
}
