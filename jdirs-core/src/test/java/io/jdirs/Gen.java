package io.jdirs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Random keys and values for property tests: full Unicode, hostile names, every value type. */
public final class Gen {
    private Gen() {
    }

    /** Names that break naive file stores. */
    public static final List<String> HOSTILE = List.of(
            ".", "..", "...", ".jdirs", ".hidden", "con", "CON", "Con.txt", "nul", "aux.json", "com1", "LPT9", "com\u00b9",
            "prn .x", "a.", "a..", "a ", " ", "  ", "~", "a~", "%", "%41", "%zz", "100%", "a/b", "/", "\\", ":", "*", "?",
            "\"", "<", ">", "|", "age.int", "x.str", "name.json", "a.b.c", "\u0000", "\n", "\t", "\u007f", "\u0085",
            "\u00e9", "e\u0301", "\ud83d\ude00", "\u00df", "SS", "\u0130", "\ufeff", "\u200b", "key with spaces",
            "\u65e5\u672c\u8a9e", "\u05e2\u05d1\u05e8\u05d9\u05ea", "\u03b0");

    /** A key: a hostile name, random code points from every range, or both combined. */
    public static String key(Random r) {
        switch (r.nextInt(4)) {
            case 0:
                return pick(r, HOSTILE);
            case 1:
                return codePoints(r, 1 + r.nextInt(16));
            case 2:
                return pick(r, HOSTILE) + codePoints(r, 1 + r.nextInt(8));
            default:
                return codePoints(r, 1 + r.nextInt(8)) + pick(r, HOSTILE);
        }
    }

    /** A plain identifier-like key, for tests about something other than names. */
    public static String simpleKey(Random r) {
        return "k" + Integer.toString(r.nextInt(50), 36);
    }

    public static String codePoints(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int range = r.nextInt(12);
            int cp;
            if (range < 6) {
                cp = 0x20 + r.nextInt(0x7f - 0x20);
            } else if (range == 6) {
                cp = r.nextInt(0x20);
            } else if (range == 7) {
                cp = 0x7f + r.nextInt(0x21);
            } else if (range <= 9) {
                cp = 0xa0 + r.nextInt(0xd800 - 0xa0);
            } else if (range == 10) {
                cp = 0xe000 + r.nextInt(0xfffe - 0xe000);
            } else {
                cp = 0x10000 + r.nextInt(0x110000 - 0x10000);
            }
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    /** Any string value, including empty ones and ones ending in newlines. */
    public static String string(Random r) {
        switch (r.nextInt(5)) {
            case 0:
                return pick(r, List.of("", "\n", "a\n", "a\n\n", "\r\n", " padded ", "Alice", "two\nlines"));
            case 1:
                return key(r) + "\n";
            default:
                return key(r);
        }
    }

    /** A value of one of the types jdirs stores, in its natural Java class. */
    public static Object value(Random r) {
        switch (r.nextInt(15)) {
            case 0:
                return string(r);
            case 1:
                return r.nextBoolean();
            case 2:
                return r.nextBoolean() ? r.nextInt() : r.nextInt(200) - 100;
            case 3:
                return r.nextLong();
            case 4:
                return r.nextInt(3) == 0
                        ? pick(r, List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                                Double.MIN_VALUE, Double.MAX_VALUE, 1e21, 1e-7, 0.1, 12345678.9))
                        : r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : r.nextInt(100000) / 100.0;
            case 5:
                return new BigDecimal(new BigInteger(100, r).subtract(BigInteger.ONE.shiftLeft(99)), r.nextInt(41) - 20);
            case 6:
                return new BigInteger(130, r).subtract(BigInteger.ONE.shiftLeft(129));
            case 7:
                return instant(r);
            case 8:
                return LocalDate.ofInstant(instant(r), ZoneOffset.UTC);
            case 9:
                return LocalDateTime.ofInstant(instant(r), ZoneOffset.UTC);
            case 10:
                return OffsetDateTime.ofInstant(instant(r), ZoneOffset.ofTotalSeconds((r.nextInt(36 * 4 + 1) - 18 * 4) * 15 * 60));
            case 11:
                return new UUID(r.nextLong(), r.nextLong());
            case 12: {
                byte[] b = new byte[r.nextInt(64)];
                r.nextBytes(b);
                return b;
            }
            case 13: {
                List<String> l = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    l.add(string(r));
                }
                return l;
            }
            default: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    m.put(simpleKey(r), r.nextBoolean() ? r.nextInt(1000) : string(r));
                }
                return m;
            }
        }
    }

    public static Instant instant(Random r) {
        long seconds = -62_000_000_000L + (long) (r.nextDouble() * 312_000_000_000L);
        return Instant.ofEpochSecond(seconds, r.nextBoolean() ? 0 : r.nextInt(1_000_000_000));
    }

    public static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }
}
