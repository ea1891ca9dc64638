package io.jdirs.journal;

import java.util.List;

/**
 * One entry of the journal: a commit (its sequence number and operations), or the marker that the
 * {@link Op.Stage} operations of commit {@code seq} are done and durable.
 */
public record Record(long seq, Kind kind, List<Op> ops) {
    public enum Kind { COMMIT, STAGED }

    public static Record commit(long seq, List<Op> ops) {
        return new Record(seq, Kind.COMMIT, List.copyOf(ops));
    }

    public static Record staged(long seq) {
        return new Record(seq, Kind.STAGED, List.of());
    }

    /** Whether the commit moves directories, which makes it apply in steps made durable one by one. */
    public boolean isStructural() {
        for (Op op : ops) {
            if (op instanceof Op.Stage) {
                return true;
            }
        }
        return false;
    }
}
