package io.jdirs.format;

import io.jdirs.Gen;
import io.jdirs.Props;
import io.jdirs.Type;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeyCodecTest {
    private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com9", "lpt1", "lpt9", "com0", "lpt0");

    @Test
    void everyKeyRoundTripsThroughItsName() {
        Props.check("key round trip", 5000, r -> keyRoundTrips(Gen.key(r)));
    }

    private static void keyRoundTrips(String key) {
        String name;
        try {
            name = KeyCodec.encode(key);
        } catch (IllegalArgumentException tooLong) {
            assertThat(tooLong).hasMessageContaining("too long");
            return;
        }
        assertThat(KeyCodec.decode(name)).isEqualTo(key);
    }

    @Test
    void namesArePortableAndNeverReachOutsideTheirNode() {
        Props.check("portable names", 5000, r -> namesArePortable(Gen.key(r)));
    }

    private static void namesArePortable(String key) {
        String name = KeyCodec.encode(key);
        assertThat(name).isNotEmpty().doesNotContain("/", "\\", ":", "*", "?", "\"", "<", ">", "|");
        assertThat(name.codePoints()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
        assertThat(name).doesNotStartWith(".").doesNotEndWith(".").doesNotEndWith(" ").doesNotEndWith("~");
        assertThat(KeyCodec.isIgnored(name)).isFalse();
        String base = name.split("\\.", -1)[0].stripTrailing().toLowerCase(Locale.ROOT);
        assertThat(WINDOWS_DEVICES).doesNotContain(base);
        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(KeyCodec.MAX_NAME_BYTES);
    }

    @Test
    void attributeNamesGiveBackTheirKeyAndType() {
        Props.check("attribute names", 3000, r -> attributeNameParses(Gen.key(r), Gen.pick(r, java.util.List.of(Type.values()))));
    }

    private static void attributeNameParses(String key, Type type) {
        if (type == Type.NODE) {
            assertThat(KeyCodec.decode(Names.node(key))).isEqualTo(key);
            return;
        }
        Names.Parsed parsed = Names.file(Names.attribute(key, type));
        assertThat(parsed.key()).isEqualTo(key);
        assertThat(parsed.type()).isEqualTo(type);
    }

    @Test
    void keysDifferingOnlyInCaseFoldAlike() {
        Props.check("folding", 3000, r -> {
            String key = Gen.key(r);
            assertThat(KeyCodec.fold(key.toUpperCase(Locale.ROOT))).isEqualTo(KeyCodec.fold(key.toLowerCase(Locale.ROOT)));
        });
    }

    @Test
    void codePointOrderAgreesWithComparingCodePoints() {
        Props.check("code point order", 3000, r -> {
            String a = Gen.key(r);
            String b = r.nextBoolean() ? Gen.key(r) : a + Gen.key(r);
            assertThat(Integer.signum(KeyCodec.compare(a, b))).isEqualTo(Integer.signum(compareCodePoints(a, b)));
        });
    }

    @Test
    void ordinaryKeysAreTheirOwnNames() {
        for (String key : new String[] {"alice", "u00042", "first name", "Ünïcødé", "日本語", "a.b", "-x_y+z", "emoji😀"}) {
            assertThat(KeyCodec.encode(key)).isEqualTo(key);
        }
    }

    @Test
    void unusableKeysAreRefusedWithTheReason() {
        assertThatThrownBy(() -> KeyCodec.encode("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> KeyCodec.encode("a\ud800b")).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> KeyCodec.encode("x".repeat(201))).hasMessageContaining("too long").hasMessageContaining("201 bytes");
        assertThat(KeyCodec.encode("x".repeat(200))).hasSize(200);
    }

    @Test
    void handMadeNamesDecodeLeniently() {
        assertThat(KeyCodec.decode("100%")).isEqualTo("100%");
        assertThat(KeyCodec.decode("%zz")).isEqualTo("%zz");
        assertThat(KeyCodec.decode("%FF")).isEqualTo("%FF"); // not UTF-8 once decoded: the name is the key
        assertThat(KeyCodec.decode("a%2fb")).isEqualTo("a/b");
    }

    @Test
    void foldingCoversCaseAndNormalization() {
        assertThat(KeyCodec.fold("Stra\u00dfe")).isEqualTo(KeyCodec.fold("STRASSE"));
        assertThat(KeyCodec.fold("\u00e9")).isEqualTo(KeyCodec.fold("e\u0301"));
        assertThat(KeyCodec.fold("Alice")).isEqualTo("alice");
    }

    private static int compareCodePoints(String a, String b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
