package io.jdirs;

import java.util.Random;
import java.util.function.Consumer;

/**
 * A small property-test runner on plain JUnit: runs a property on many random cases, each from its own
 * seed. A failure names the seed; {@code -Djdirs.seed=<seed>} runs that case again, and
 * {@code -Djdirs.tries=<n>} multiplies the number of cases for longer runs.
 */
public final class Props {
    private Props() {
    }

    public static void check(String name, int tries, Consumer<Random> property) {
        String fixed = System.getProperty("jdirs.seed");
        if (fixed != null && !fixed.isBlank()) {
            run(name, Long.parseUnsignedLong(fixed.trim().replaceFirst("^0[xX]", ""), 16), 0, property);
            return;
        }
        int factor = Integer.getInteger("jdirs.tries", 1);
        long base = new Random().nextLong();
        for (int i = 0; i < tries * factor; i++) {
            run(name, base + 0x9E3779B97F4A7C15L * i, i, property);
        }
    }

    private static void run(String name, long seed, int i, Consumer<Random> property) {
        try {
            property.accept(new Random(seed));
        } catch (Throwable t) {
            String hex = "0x" + Long.toHexString(seed);
            System.err.println(name + ": case " + i + " failed with seed " + hex + "; rerun it with -Djdirs.seed=" + hex);
            throw new AssertionError(name + " failed (seed " + hex + ", rerun with -Djdirs.seed=" + hex + "): " + t, t);
        }
    }
}
