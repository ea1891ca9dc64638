package io.jdirs.bench;

import java.time.Instant;
import java.util.SplittableRandom;

/**
 * The reference workload: {@code size} users with ids {@code u0000000}, {@code u0000001}, ...; each user
 * is a function of its number, so any store's content can be checked against it.
 */
public record Workload(int size) {
    private static final long START = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    private static final long SPAN = 6L * 365 * 24 * 3600;

    public static String id(int i) {
        return String.format("u%07d", i);
    }

    /** User {@code i}: a 12-character name, a ~21-character email, age 18 to 90, a score, a flag, a time. */
    public static User user(int i) {
        SplittableRandom r = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        String first = word(r, 5);
        String last = word(r, 6);
        String name = Character.toUpperCase(first.charAt(0)) + first.substring(1) + " "
                + Character.toUpperCase(last.charAt(0)) + last.substring(1);
        String email = first + "." + last + (i % 100) + "@ex.com";
        return new User(name, email, 18 + r.nextInt(73), r.nextInt(100_000) / 100.0, r.nextBoolean(),
                Instant.ofEpochSecond(START + r.nextLong(SPAN)));
    }

    private static String word(SplittableRandom r, int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = (char) ('a' + r.nextInt(26));
        }
        return new String(c);
    }

    /** The id of a random user. */
    public String randomId(SplittableRandom r) {
        return id(r.nextInt(size));
    }
}
