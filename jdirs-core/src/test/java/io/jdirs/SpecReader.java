package io.jdirs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads a database from its files following docs/FORMAT.md alone, sharing no code with jdirs: a
 * check that the format is what the document says. A node becomes a sorted map from key to a child
 * map or to {@link #leaf the type suffix and bytes} of its file.
 */
public final class SpecReader {
    public static final List<String> SUFFIXES = List.of("str", "bool", "int", "long", "double", "decimal", "bigint",
            "instant", "date", "datetime", "offsetdatetime", "uuid", "bin", "json");

    private SpecReader() {
    }

    public static Map<String, Object> read(Path dir) throws IOException {
        Map<String, Object> node = new TreeMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".") || name.endsWith("~")) {
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    node.put(unescape(name), read(p));
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    int dot = name.lastIndexOf('.');
                    String suffix = dot > 0 ? name.substring(dot + 1) : "";
                    boolean typed = SUFFIXES.contains(suffix);
                    String key = unescape(typed ? name.substring(0, dot) : name);
                    node.put(key, leaf(typed ? suffix : "str", Files.readAllBytes(p)));
                }
            }
        }
        return node;
    }

    /** An attribute as {@code suffix:[bytes]}, strings with the suffix {@code str}. */
    public static String leaf(String suffix, byte[] content) {
        return suffix + ":" + java.util.Arrays.toString(content);
    }

    /** %XX is a byte; the bytes are UTF-8. */
    public static String unescape(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%') {
                out.write(Integer.parseInt(new String(b, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
