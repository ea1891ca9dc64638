package io.jdirs.index;

import io.jdirs.InvalidDataException;
import io.jdirs.format.Value;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jdirs.format.Names.join;

/**
 * The entries of an index, in order, split into leaf files of at most {@link #MAX} entries (numbered
 * {@code 1}, {@code 2}, ...), and the manifest {@code leaves} that lists them in order with the first
 * entry each may hold (its separator; none for the first leaf):
 *
 * <pre>
 * jdirs leaves 1 next=4 checked=1795341600000
 * 1
 * 3	int	47	u01234
 * </pre>
 *
 * {@code next} numbers the next new leaf; {@code checked} is when the index was last checked against the
 * files (epoch milliseconds); a last word {@code stale} says it must be rebuilt before use.
 */
public final class Leaves {
    /** The most entries a leaf holds; a fuller one is split in two. */
    public static final int MAX = 256;
    public static final String MANIFEST = "leaves";
    static final String DEFINITION = "index";
    private static final Pattern HEADER = Pattern.compile("jdirs leaves 1 next=([0-9]{1,18}) checked=([0-9]{1,18})( stale)?");

    private Leaves() {
    }

    /** The manifest: leaf numbers in order and their separators (null for the first). */
    public record Manifest(long next, long checked, boolean stale, List<Long> leaves, List<IndexEntry> separators) {
        public Manifest {
            leaves = List.copyOf(leaves);
            separators = Collections.unmodifiableList(new ArrayList<>(separators));
        }

        /** An index with one empty leaf. */
        public static Manifest empty(long checked) {
            return new Manifest(2, checked, false, List.of(1L), Collections.singletonList(null));
        }

        /** The position in {@link #leaves} of the leaf that holds, or would hold, an entry. */
        public int leafOf(IndexEntry e) {
            int lo = 1;
            int hi = leaves.size() - 1;
            int found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (separators.get(mid).compareTo(e) <= 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        /** The position of the first leaf that may hold entries whose values start with, or follow, {@code prefix}. */
        public int firstLeafFrom(io.jdirs.format.Sortable[] prefix) {
            int lo = 1;
            int hi = leaves.size() - 1;
            int found = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (separators.get(mid).comparePrefix(prefix) < 0) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }

        public byte[] bytes(int width) {
            StringBuilder b = new StringBuilder("jdirs leaves 1 next=").append(next).append(" checked=").append(checked)
                    .append(stale ? " stale" : "").append('\n');
            for (int i = 0; i < leaves.size(); i++) {
                b.append(leaves.get(i));
                if (i > 0) {
                    b.append('\t').append(separators.get(i).line());
                }
                b.append('\n');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }

        public static Manifest parse(Value file, int width, String path) {
            return file.derive(Manifest.class, v -> {
                String[] lines = new String(v.bytes(), StandardCharsets.UTF_8).split("\n");
                Matcher m = HEADER.matcher(lines.length == 0 ? "" : lines[0].strip());
                if (!m.matches()) {
                    throw new InvalidDataException(path, "the first line is not \"jdirs leaves 1 next=<n> checked=<ms>\"");
                }
                List<Long> leaves = new ArrayList<>();
                List<IndexEntry> separators = new ArrayList<>();
                for (int i = 1; i < lines.length; i++) {
                    if (lines[i].isEmpty()) {
                        continue;
                    }
                    int tab = lines[i].indexOf('\t');
                    try {
                        leaves.add(Long.parseLong(tab < 0 ? lines[i] : lines[i].substring(0, tab)));
                    } catch (NumberFormatException e) {
                        throw new InvalidDataException(path, "line " + (i + 1) + " does not start with a leaf number");
                    }
                    IndexEntry sep = tab < 0 ? null : IndexEntry.parse(lines[i].substring(tab + 1), width);
                    if ((sep == null) != (leaves.size() == 1) || (sep != null && separators.size() > 1
                            && separators.get(separators.size() - 1).compareTo(sep) >= 0)) {
                        throw new InvalidDataException(path, "line " + (i + 1) + ": the first leaf has no separator, "
                                + "each other one an entry after the one before");
                    }
                    separators.add(sep);
                }
                if (leaves.isEmpty()) {
                    throw new InvalidDataException(path, "lists no leaf");
                }
                return new Manifest(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3) != null,
                        leaves, separators);
            });
        }
    }

    /** A leaf file's entries, sorted. */
    public record Leaf(List<IndexEntry> entries) {
        public static Leaf parse(Value file, int width, String path) {
            return file.derive(Leaf.class, v -> {
                String[] lines = new String(v.bytes(), StandardCharsets.UTF_8).split("\n");
                List<IndexEntry> entries = new ArrayList<>(lines.length);
                for (int i = 0; i < lines.length; i++) {
                    if (lines[i].isEmpty()) {
                        continue;
                    }
                    IndexEntry e = IndexEntry.parse(lines[i], width);
                    if (e == null || (!entries.isEmpty() && entries.get(entries.size() - 1).compareTo(e) >= 0)) {
                        throw new InvalidDataException(path, "line " + (i + 1) + " is not an entry of " + width
                                + " value(s) following the one before");
                    }
                    entries.add(e);
                }
                return new Leaf(List.copyOf(entries));
            });
        }

        static byte[] bytes(List<IndexEntry> entries) {
            StringBuilder b = new StringBuilder();
            for (IndexEntry e : entries) {
                b.append(e.line()).append('\n');
            }
            return b.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The database-relative path of a leaf of an index. */
    public static String leafPath(IndexDef def, long leaf) {
        return join(def.dir(), Long.toString(leaf));
    }

    public static String manifestPath(IndexDef def) {
        return join(def.dir(), MANIFEST);
    }

    public static String definitionPath(String indexDir) {
        return join(indexDir, DEFINITION);
    }
}
