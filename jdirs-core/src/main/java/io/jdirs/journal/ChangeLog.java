package io.jdirs.journal;

import io.jdirs.store.Store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.jdirs.format.Names.join;

/**
 * The change log, {@code .jdirs/changes/}: which paths each commit changed, in plain text, so that
 * other processes can drop exactly what changed from their caches, and a change feed can answer
 * "what changed since N". Segments are named by the first sequence number they hold
 * ({@code 00000000000000000042.log}) and start anew past 4 MiB; each line is TAB-separated:
 *
 * <pre>
 * 42	write	users/alice/age.int        (also create, delete, mkdir, rmtree, movefrom, moveto)
 * 42	commit	1795341600000               (the commit is complete; epoch milliseconds)
 * </pre>
 *
 * Lines are appended after the commit's journal record is durable, and made durable at checkpoints;
 * recovery rewrites a lost or torn tail from the journal.
 */
public final class ChangeLog {
    public static final String DIR = Store.META + "/changes";
    static final long SEGMENT_BYTES = 4L << 20;

    /** One changed path; {@code kind} is one of create, write, delete, mkdir, rmtree, movefrom, moveto. */
    public record Change(String kind, String path) {
    }

    /** The changes of one complete commit. */
    public record Commit(long seq, long time, List<Change> changes) {
    }

    private final Store store;
    private String segment;     // the segment being written and its size, as this process last wrote it
    private long segmentSize;
    // where the last read stopped: after complete commit cursorSeq, at cursorOffset of cursorSegment
    private String cursorSegment;
    private long cursorOffset;
    private long cursorSeq = -1;

    public ChangeLog(Store store) {
        this.store = store;
    }

    /** The lines of a commit's operations. */
    static String lines(long seq, List<Op> ops, long time) {
        StringBuilder b = new StringBuilder();
        for (Op op : ops) {
            b.append(seq).append('\t').append(op.kind()).append('\t').append(op.path()).append('\n');
        }
        return b.append(seq).append("\tcommit\t").append(time).append('\n').toString();
    }

    /** Appends the lines of commits (not durable until {@link #sync}). */
    public void append(List<Record> commits, long time) {
        if (commits.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (Record r : commits) {
            text.append(lines(r.seq(), r.ops(), time));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        String current = segment;
        long size = segmentSize;
        if (current == null || store.stat(join(DIR, current)).size() != size) {
            // another process wrote since (or this is the first time): look again
            store.mkdir(DIR);
            List<String> segments = segments();
            current = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            size = current == null ? 0 : store.stat(join(DIR, current)).size();
        }
        if (current == null || size + bytes.length > SEGMENT_BYTES) {
            current = String.format("%020d.log", commits.get(0).seq());
            size = 0;
        }
        segment = null;
        store.append(join(DIR, current), bytes);
        segment = current;
        segmentSize = size + bytes.length;
    }

    /** Makes the newest segments durable (the one being written, and the one before it). */
    public void sync() {
        List<String> segments = segments();
        for (int i = Math.max(0, segments.size() - 2); i < segments.size(); i++) {
            store.sync(join(DIR, segments.get(i)));
        }
        if (!segments.isEmpty()) {
            store.sync(DIR);
        }
    }

    /** The complete commits with {@code after < seq <= upTo}, in order. */
    public List<Commit> read(long after, long upTo) {
        List<String> segments = segments();
        List<Commit> out = new ArrayList<>();
        int first;
        long offset;
        if (after == cursorSeq && segments.contains(cursorSegment)) {
            first = segments.indexOf(cursorSegment);
            offset = cursorOffset;
        } else {
            first = 0;
            for (int i = 0; i < segments.size(); i++) {
                if (firstSeq(segments.get(i)) <= after + 1) {
                    first = i;
                }
            }
            offset = 0;
        }
        for (int i = first; i < segments.size(); i++, offset = 0) {
            String segment = segments.get(i);
            byte[] b = store.read(join(DIR, segment), offset);
            if (b == null) {
                continue;
            }
            Parsed p = parse(b, after, upTo, out);
            if (p.lastSeq >= 0) {
                cursorSegment = segment;
                cursorOffset = offset + p.end;
                cursorSeq = p.lastSeq;
            }
            if (p.stopped) {
                break;
            }
        }
        return out;
    }

    /** The last complete commit in the log and where it ends, to repair a torn tail; (0, "", 0) if none. */
    public Tail tail() {
        List<String> segments = segments();
        for (int i = segments.size() - 1; i >= 0; i--) {
            byte[] b = store.read(join(DIR, segments.get(i)), 0);
            if (b == null) {
                continue;
            }
            List<Commit> all = new ArrayList<>();
            Parsed p = parse(b, -1, Long.MAX_VALUE, all);
            if (p.lastSeq >= 0) {
                return new Tail(p.lastSeq, segments.get(i), p.end, b.length);
            }
        }
        return new Tail(0, null, 0, 0);
    }

    /** The end of the change log: its last complete commit, in which segment, ending where. */
    public record Tail(long seq, String segment, long end, long length) {
    }

    /** Cuts off an incomplete last commit (left by a crash). */
    public void truncate(Tail tail) {
        if (tail.segment() != null && tail.length() > tail.end()) {
            store.truncate(join(DIR, tail.segment()), tail.end());
        }
        cursorSeq = -1;
        segment = null;
    }

    /** Deletes segments, but the newest, last changed more than {@code retentionMillis} ago. */
    public void prune(long retentionMillis, long now) {
        List<String> segments = segments();
        for (int i = 0; i < segments.size() - 1; i++) {
            String path = join(DIR, segments.get(i));
            if (now - store.stat(path).modified() / 1_000_000 > retentionMillis) {
                store.delete(path);
            }
        }
    }

    private List<String> segments() {
        List<String> names = store.names(DIR);
        List<String> segments = new ArrayList<>();
        if (names != null) {
            for (String n : names) {
                if (n.length() == 24 && n.endsWith(".log") && n.chars().limit(20).allMatch(Character::isDigit)) {
                    segments.add(n);
                }
            }
        }
        segments.sort(null);
        return segments;
    }

    private static long firstSeq(String segment) {
        return Long.parseLong(segment.substring(0, 20));
    }

    private record Parsed(long lastSeq, int end, boolean stopped) {
    }

    /**
     * Parses lines, adding complete commits with {@code after < seq <= upTo} to {@code out}. Stops at a
     * torn line or at a commit past {@code upTo}; {@code end} is the offset after the last complete
     * commit seen, {@code lastSeq} its number (-1 if none).
     */
    private static Parsed parse(byte[] b, long after, long upTo, List<Commit> out) {
        int pos = 0;
        long lastSeq = -1;
        int end = 0;
        List<Change> changes = new ArrayList<>();
        long seq = -1;
        while (pos < b.length) {
            int eol = pos;
            while (eol < b.length && b[eol] != '\n') {
                eol++;
            }
            if (eol == b.length) {
                return new Parsed(lastSeq, end, true); // torn last line
            }
            String line = new String(b, pos, eol - pos, StandardCharsets.UTF_8);
            pos = eol + 1;
            String[] f = line.split("\t", 3);
            long s;
            try {
                s = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                return new Parsed(lastSeq, end, true);
            }
            if (f.length != 3 || (seq >= 0 && s != seq)) {
                return new Parsed(lastSeq, end, true);
            }
            if (s > upTo) {
                return new Parsed(lastSeq, end, true);
            }
            seq = s;
            if (f[1].equals("commit")) {
                if (s > after) {
                    out.add(new Commit(s, Long.parseLong(f[2]), List.copyOf(changes)));
                }
                lastSeq = s;
                end = pos;
                changes.clear();
                seq = -1;
            } else {
                changes.add(new Change(f[1], f[2]));
            }
        }
        return new Parsed(lastSeq, end, false);
    }
}
