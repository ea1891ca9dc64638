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
    private long done;
    private long shownAt;

    /** @param total how many steps make the whole, or 0 if unknown (the count alone is shown) */
    Progress(Main main, String label, long total) {
        this.err = main.tty ? main.err : null;
        this.label = label;
        this.total = total;
        this.shownAt = System.nanoTime();
    }

    void step(long n) {
        done += n;
        if (err != null && System.nanoTime() - shownAt >= INTERVAL) {
            show();
        }
    }

    private void show() {
        shownAt = System.nanoTime();
        if (total > 0) {
            int filled = (int) (BAR * Math.min(done, total) / total);
            err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(BAR - filled) + "] "
                    + 100 * Math.min(done, total) / total + "% " + done + "/" + total);
        } else {
            err.print("\r" + label + " " + done + " nodes");
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
