package io.jdirs.bench;

import java.util.Arrays;
import java.util.List;

/** Command-line options: {@code --name value} pairs and {@code --flag}s. */
final class Args {
    private final List<String> args;

    Args(String[] args) {
        this.args = Arrays.asList(args);
    }

    boolean flag(String name) {
        return args.contains(name);
    }

    /** The value after {@code name}; {@code otherwise} if absent, an error if absent and null. */
    String value(String name, String otherwise) {
        int i = args.indexOf(name);
        if (i >= 0 && i + 1 < args.size()) {
            return args.get(i + 1);
        }
        if (otherwise == null) {
            throw new IllegalArgumentException("missing " + name + " <value>");
        }
        return otherwise;
    }

    int number(String name, int otherwise) {
        return Integer.parseInt(value(name, Integer.toString(otherwise)));
    }

    /** A comma-separated value; empty if absent. */
    List<String> list(String name) {
        String v = value(name, "");
        return v.isEmpty() ? List.of() : Arrays.asList(v.split(","));
    }
}
