package io.jdirs.cli;

import java.io.PrintStream;

/**
 * A progress line on stderr, redrawn in place at most ten times a second, when stderr is a terminal;
 * nothing at all otherwise. Closing it draws the final count and ends the line.
 */
final class Progress implements AutoCloseable {
    private static final int BAR = 30;
    private static final long INTERVAL = 100_000_000;

    private final PrintStream err;
    private final String label;
    private final long total;
    private final String unit;
    private long done;
    private long shownAt;

    /** A bar: how many of {@code total} steps are done. */
    Progress(Main main, String label, long total) {
        this(main, label, total, null);
    }

    /** A count of {@code unit}s ("nodes", "files") done, when the total is not known. */
    Progress(Main main, String label, String unit) {
        this(main, label, 0, unit);
    }

    private Progress(Main main, String label, long total, String unit) {
        this.err = main.tty ? main.err : null;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.shownAt = System.nanoTime();
    }

    void step(long n) {
        done += n;
        if (err != null && System.nanoTime() - shownAt >= INTERVAL) {
            show();
        }
    }

    /** Sets the count done, for work that tells its total so far rather than its steps. */
    void at(long count) {
        step(count - done);
    }

    private void show() {
        shownAt = System.nanoTime();
        if (unit == null) {
            long whole = Math.max(total, 1);
            int filled = (int) (BAR * Math.min(done, whole) / whole);
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] "
                    + 100 * Math.min(done, whole) / whole + "% " + done + "/" + total);
        } else {
            err.print("\r" + label + " " + done + " " + unit);
        }
        err.flush();
    }

    @Override
    public void close() {
        if (err != null) {
            show();
            err.println();
        }
    }
}
