package io.jdirs.cli;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of a short command goes, with {@code -Djdirs.timing=1}: checkpoints taken as the command
 * runs, printed on stderr at exit, such as
 * {@code jdirs: timing (ms): jvm 41 picocli 12.1 open 6.0 command 15.2 close 0.3}, where {@code jvm} is
 * the time from the JVM's start to {@code main} and each other figure the time since the checkpoint before.
 * Off, a checkpoint costs one test of a constant.
 */
final class Timing {
    private static final boolean ON = "1".equals(System.getProperty("jdirs.timing"));
    private static long main;
    private static final List<String> STEPS = new ArrayList<>();
    private static final List<Long> ENDS = new ArrayList<>();

    private Timing() {
    }

    /** Called first in {@code main}: the checkpoints count from here. */
    static void start() {
        main = System.nanoTime();
    }

    /** Ends the step named {@code what}, begun at the checkpoint before (or at {@code main}). */
    static void mark(String what) {
        if (ON) {
            ENDS.add(System.nanoTime());
            STEPS.add(what);
        }
    }

    /** Prints the checkpoints, when asked for, on {@code err}. */
    static void report(PrintStream err) {
        if (ON) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            long jvm = uptime - (System.nanoTime() - main) / 1_000_000;
            StringBuilder line = new StringBuilder("jdirs: timing (ms): jvm " + jvm);
            long start = main;
            for (int i = 0; i < STEPS.size(); i++) {
                line.append(String.format(Locale.ROOT, " %s %.1f", STEPS.get(i), (ENDS.get(i) - start) / 1e6));
                start = ENDS.get(i);
            }
            err.println(line);
        }
    }
}
