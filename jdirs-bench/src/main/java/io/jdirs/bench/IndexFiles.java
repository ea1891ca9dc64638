package io.jdirs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The files of one of jdirs' indexes on a single attribute, read directly (docs/FORMAT.md section 12):
 * the manifest {@code leaves}, which lists the leaves in order with their separators, then the leaves,
 * one entry a line: the value's type, its text, and the node's key (its directory's name).
 */
final class IndexFiles {
    /** An entry, or a separator: the type of the value (its suffix, {@code str} for strings), its text, the node. */
    record Entry(String type, String value, String node) {
        static Entry parse(String[] fields, int from) {
            return new Entry(unescape(fields[from]), unescape(fields[from + 1]), unescape(fields[from + 2]));
        }
    }

    private final Path dir;

    IndexFiles(Path root, String name) {
        dir = root.resolve(".jdirs/indexes").resolve(name);
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve("leaves"));
    }

    /**
     * Gives {@code visitor} the entries from the first that {@code before} does not hold for on, in order,
     * until it returns false. Reads the manifest, then the leaves from the last one whose separator is
     * before the range.
     */
    void scan(Predicate<Entry> before, Predicate<Entry> visitor) {
        List<String> manifest = lines(dir.resolve("leaves"));
        int start = 1;
        for (int i = 2; i < manifest.size(); i++) {
            String[] f = manifest.get(i).split("\t", -1);
            if (before.test(Entry.parse(f, 1))) {
                start = i;
            }
        }
        for (int i = start; i < manifest.size(); i++) {
            String leaf = manifest.get(i).split("\t", 2)[0];
            for (String line : lines(dir.resolve(leaf))) {
                Entry e = Entry.parse(line.split("\t", -1), 0);
                if (!before.test(e) && !visitor.test(e)) {
                    return;
                }
            }
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A text as the index writes it, with {@code \\}, TAB, newline and carriage return escaped: read as
     * FORMAT.md says, not with jdirs-core's reader, since the limit runs no jdirs code.
     */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The nodes of the entries {@code scan} gives, until {@code last} holds for one (which is not included). */
    List<String> nodes(Predicate<Entry> before, Predicate<Entry> last) {
        List<String> out = new ArrayList<>();
        scan(before, e -> !last.test(e) && out.add(e.node()));
        return out;
    }
}
