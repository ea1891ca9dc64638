package io.jdirs.format;

import io.jdirs.Gen;
import io.jdirs.InvalidDataException;
import io.jdirs.Props;
import io.jdirs.Type;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CodecTest {
    enum Color { RED, GREEN }

    @Test
    void everyValueRoundTripsThroughItsFile() {
        Props.check("value round trip", 5000, r -> valueRoundTrips(Gen.value(r)));
    }

    private static void valueRoundTrips(Object value) {
        Value v = Codec.encode(value);
        Object back = Codec.convert(new Value(v.type(), v.bytes()), value.getClass(), "x");
        if (value instanceof Double d) {
            // -0.0 stays -0.0; every NaN reads back as the one NaN ("NaN" has no payload)
            assertThat(Double.doubleToLongBits((Double) back)).isEqualTo(Double.doubleToLongBits(d));
        } else {
            assertThat(back).usingRecursiveComparison().isEqualTo(value);
        }
    }

    @Test
    void textTypesEndInOneNewlineAndParseFromTheirText() {
        Props.check("value text", 5000, r -> textParses(Gen.value(r)));
    }

    private static void textParses(Object value) {
        Value v = Codec.encode(value);
        if (v.type() == Type.BYTES) {
            assertThat(v.bytes()).isEqualTo((byte[]) value);
            return;
        }
        String text = new String(v.bytes(), StandardCharsets.UTF_8);
        assertThat(text).endsWith("\n");
        if (v.type() != Type.STRING && v.type() != Type.JSON) {
            assertThat(text.trim()).doesNotContain("\n");
            assertThat(Codec.parse(v.type(), text.trim(), "x")).isEqualTo(Codec.natural(v, "x"));
        }
    }

    @Test
    void valuesAreWrittenAsAPersonWouldWriteThem() {
        assertThat(text(42)).isEqualTo("42\n");
        assertThat(text("Alice")).isEqualTo("Alice\n");
        assertThat(text(true)).isEqualTo("true\n");
        assertThat(text(97.5)).isEqualTo("97.5\n");
        assertThat(text(3.0)).isEqualTo("3.0\n");
        assertThat(text(12345678.9)).isEqualTo("12345678.9\n");
        assertThat(text(1e20)).isEqualTo("100000000000000000000\n");
        assertThat(text(1e21)).isEqualTo("1.0E21\n");
        assertThat(text(0.000001)).isEqualTo("0.000001\n");
        assertThat(text(1.5f)).isEqualTo("1.5\n");
        assertThat(text(new BigDecimal("12.50"))).isEqualTo("12.50\n");
        assertThat(text(Instant.parse("2026-11-22T10:00:00Z"))).isEqualTo("2026-11-22T10:00:00Z\n");
        assertThat(text(LocalDate.of(2026, 11, 22))).isEqualTo("2026-11-22\n");
        assertThat(text(LocalDateTime.of(2026, 11, 22, 10, 0))).isEqualTo("2026-11-22T10:00\n");
        assertThat(text(OffsetDateTime.parse("2026-11-22T10:00+01:00"))).isEqualTo("2026-11-22T10:00+01:00\n");
        assertThat(text(UUID.fromString("123E4567-E89B-12D3-A456-426614174000"))).isEqualTo("123e4567-e89b-12d3-a456-426614174000\n");
        assertThat(text(Color.GREEN)).isEqualTo("GREEN\n");
        assertThat(text(List.of("a", "b"))).isEqualTo("[\n  \"a\",\n  \"b\"\n]\n");
        assertThat(text(Map.of("b", 1, "a", 2))).isEqualTo("{\n  \"a\": 2,\n  \"b\": 1\n}\n");
        assertThat(text(Set.of("z", "a", "m"))).isEqualTo("[\n  \"a\",\n  \"m\",\n  \"z\"\n]\n");
        assertThat(text(Map.of("k", Set.of(3, 1, 2)))).isEqualTo("{\n  \"k\": [\n    1,\n    2,\n    3\n  ]\n}\n");
        assertThat(text(List.of())).isEqualTo("[]\n");
        assertThat(text(Map.of())).isEqualTo("{}\n");
    }

    @Test
    void handWrittenTextIsReadLeniently() {
        assertThat(read(Type.INT, "42\n")).isEqualTo(42);
        assertThat(read(Type.INT, "  42\r\n")).isEqualTo(42);
        assertThat(read(Type.INT, "\uFEFF42")).isEqualTo(42);
        assertThat(read(Type.BOOLEAN, "TRUE\n")).isEqualTo(true);
        assertThat(read(Type.DOUBLE, "1e3")).isEqualTo(1000.0);
        assertThat(read(Type.INSTANT, "2026-11-22T11:00:00+01:00")).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(read(Type.STRING, "Alice\n")).isEqualTo("Alice");
        assertThat(read(Type.STRING, "Alice")).isEqualTo("Alice");
        assertThat(read(Type.STRING, "two\nlines\n")).isEqualTo("two\nlines");
        assertThat(read(Type.STRING, "")).isEqualTo("");
        assertThat(read(Type.JSON, "{\"a\": [1, 2.5, null]}")).isEqualTo(Map.of("a", java.util.Arrays.asList(1, 2.5, null)));
    }

    @Test
    void badTextIsAnErrorNamingTheFileAndWhatWasExpected() {
        assertThatThrownBy(() -> read(Type.INT, "forty\n")).isInstanceOf(InvalidDataException.class)
                .hasMessage("users/alice/age.int: \"forty\" is not an int");
        assertThatThrownBy(() -> read(Type.INT, "99999999999")).hasMessage("users/alice/age.int: 99999999999 is out of range for an int");
        assertThatThrownBy(() -> read(Type.INT, "")).hasMessage("users/alice/age.int: empty text is not an int");
        assertThatThrownBy(() -> read(Type.INT, "0x10")).hasMessageContaining("\"0x10\" is not an int");
        assertThatThrownBy(() -> read(Type.DOUBLE, "1d")).hasMessageContaining("\"1d\" is not a double");
        assertThatThrownBy(() -> read(Type.BOOLEAN, "yes")).hasMessageContaining("\"yes\" is not a bool");
        assertThatThrownBy(() -> read(Type.DATE, "22/11/2026")).hasMessageContaining("\"22/11/2026\" is not a date");
        assertThatThrownBy(() -> read(Type.UUID, "1-2-3-4-5")).hasMessageContaining("\"1-2-3-4-5\" is not a uuid");
        assertThatThrownBy(() -> read(Type.JSON, "{\"a\": }")).hasMessageStartingWith("users/alice/age.int: is not valid JSON")
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> Codec.natural(new Value(Type.STRING, new byte[] {(byte) 0xff, 'a'}), "p"))
                .isInstanceOf(InvalidDataException.class).hasMessage("p: is not UTF-8 text (name binary files with the .bin suffix)");
    }

    @Test
    void numbersConvertWhenTheValueFitsExactly() {
        Value age = Codec.encode(42);
        assertThat(Codec.convert(age, long.class, "p")).isEqualTo(42L);
        assertThat(Codec.convert(age, Double.class, "p")).isEqualTo(42.0);
        assertThat(Codec.convert(age, BigDecimal.class, "p")).isEqualTo(BigDecimal.valueOf(42));
        assertThat(Codec.convert(age, String.class, "p")).isEqualTo("42");
        assertThat(Codec.convert(Codec.encode(7L), int.class, "p")).isEqualTo(7);
        assertThat(Codec.convert(Codec.encode(0.1), BigDecimal.class, "p")).isEqualTo(new BigDecimal("0.1"));
        assertThatThrownBy(() -> Codec.convert(Codec.encode(12.5), int.class, "u/score.double"))
                .hasMessage("u/score.double: 12.5 does not fit exactly in an int");
        assertThatThrownBy(() -> Codec.convert(Codec.encode(1L << 40), Integer.class, "p"))
                .hasMessage("p: 1099511627776 does not fit exactly in an int");
        assertThatThrownBy(() -> Codec.convert(Codec.encode((1L << 53) + 1), Double.class, "p"))
                .hasMessageContaining("does not fit exactly in a double");
        assertThatThrownBy(() -> Codec.convert(Codec.encode(true), Integer.class, "p")).hasMessage("p: true is a bool, not an int");
        assertThatThrownBy(() -> Codec.convert(Codec.encode(Instant.EPOCH), LocalDate.class, "p"))
                .hasMessage("p: 1970-01-01T00:00:00Z is an instant, not a date");
    }

    @Test
    void stringsParseAsTheTypeAskedFor() {
        Value s = Codec.encode("42");
        assertThat(Codec.convert(s, int.class, "p")).isEqualTo(42);
        assertThat(Codec.convert(s, Short.class, "p")).isEqualTo((short) 42);
        assertThat(Codec.convert(Codec.encode("GREEN"), Color.class, "p")).isEqualTo(Color.GREEN);
        assertThat(Codec.convert(Codec.encode("[1, 2]"), List.class, "p")).isEqualTo(List.of(1, 2));
        assertThatThrownBy(() -> Codec.convert(Codec.encode("BLUE"), Color.class, "p"))
                .hasMessage("p: \"BLUE\" is not a constant of Color [RED, GREEN]");
        assertThatThrownBy(() -> Codec.convert(Codec.encode("forty"), int.class, "users/alice/age"))
                .hasMessage("users/alice/age: \"forty\" is not an int");
    }

    @Test
    void invalidUnicodeValuesAreRefused() {
        assertThatThrownBy(() -> Codec.encode("a\udc00")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void naturalValuesOfJsonAreFreshCopies() {
        Value v = Codec.encode(List.of(1, 2));
        @SuppressWarnings("unchecked")
        List<Object> first = (List<Object>) Codec.natural(v, "p");
        first.add(3);
        assertThat(Codec.natural(v, "p")).isEqualTo(List.of(1, 2));
        byte[] bytes = (byte[]) Codec.natural(Codec.encode(new byte[] {1}), "p");
        bytes[0] = 9;
        assertThat(Codec.convert(Codec.encode(new byte[] {1}), byte[].class, "p")).isEqualTo(new byte[] {1});
    }

    @Test
    void bigNumbersRoundTrip() {
        BigInteger big = BigInteger.TEN.pow(50).add(BigInteger.ONE);
        assertThat(Codec.convert(Codec.encode(big), BigInteger.class, "p")).isEqualTo(big);
        assertThat(text(big)).isEqualTo(big + "\n");
    }

    private static String text(Object value) {
        return new String(Codec.encode(value).bytes(), StandardCharsets.UTF_8);
    }

    private static Object read(Type type, String content) {
        return Codec.natural(new Value(type, content.getBytes(StandardCharsets.UTF_8)), "users/alice/age.int");
    }
}
