package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** put, export, import, demo and stats end to end, with bad input for each. */
class DataCommandsTest extends DatabaseTest {
    /** Every file of the user data (not .jdirs/) by relative path, with its bytes as text. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(p -> !root.relativize(p).startsWith(".jdirs")).toList()) {
                String key = root.relativize(p).toString();
                files.put(Files.isDirectory(p) ? key + "/" : key,
                        Files.isDirectory(p) ? "" : new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    @Test
    void putWritesANodeTreeFromJson() throws Exception {
        jdirs.run("set", "users/dan/nickname", "D").ok();
        jdirs.input("""
                {"name": "Dan", "age": 30, "big": 10000000000, "score": 9.5, "active": false, "tags": ["x", "y"],
                 "created.instant": "2026-11-22T10:00:00Z", "price.decimal": "12.50", "address": {"city": "Oslo"},
                 "empty": {}, "nickname": null}
                """, "put", "users/dan").ok();
        assertThat(files(db.resolve("users/dan"))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("/", ""), Map.entry("name", "Dan\n"), Map.entry("age.int", "30\n"),
                Map.entry("big.long", "10000000000\n"), Map.entry("score.double", "9.5\n"),
                Map.entry("active.bool", "false\n"), Map.entry("tags.json", "[\n  \"x\",\n  \"y\"\n]\n"),
                Map.entry("created.instant", "2026-11-22T10:00:00Z\n"), Map.entry("price.decimal", "12.50\n"),
                Map.entry("address/", ""), Map.entry("address/city", "Oslo\n"), Map.entry("empty/", "")));

        Path file = Files.writeString(tmp.resolve("eve.json"), "{\"age\": 41}");
        jdirs.run("put", "users/eve", file.toString()).ok();
        assertThat(jdirs.run("get", "users/eve/age").ok().out()).isEqualTo("41\n");
    }

    @Test
    void putRefusesBadJsonAndWritesNothingThen() {
        Jdirs.Result malformed = jdirs.input("{\"name\": \"Dan\",", "put", "users/dan");
        assertThat(malformed.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(malformed.err()).startsWith("jdirs: stdin: malformed JSON: ").contains("(line 1, column 16)");
        assertThat(malformed.err().lines()).hasSize(1);

        assertThat(jdirs.input("[1, 2]", "put", "users/dan").err())
                .isEqualTo("jdirs: stdin: a JSON object was expected, not array\n");
        assertThat(jdirs.input("", "put", "users/dan").code()).isEqualTo(Failure.BAD_DATA);

        Jdirs.Result badValue = jdirs.input("{\"name\": \"Dan\", \"sub\": {\"age.int\": \"forty\"}}", "put", "users/dan");
        assertThat(badValue.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(badValue.err()).isEqualTo("jdirs: users/dan/sub/age.int: \"forty\" is not an int\n");
        assertThat(jdirs.input("{\"when.date\": [1]}", "put", "users/dan").err())
                .isEqualTo("jdirs: users/dan/when.date: [1] is not a date\n");
        assertThat(db.resolve("users")).doesNotExist();

        assertThat(jdirs.run("put", "users/dan", tmp.resolve("missing.json").toString()).code()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void exportThenImportGivesTheSameFiles() throws Exception {
        Path source = tmp.resolve("source");
        try (Database d = Database.open(source)) {
            Node n = d.node("things/all");
            n.put("text", "two\nlines\n").put("int", 42).put("long", 9_000_000_000L).put("bigint", new BigInteger("1" + "0".repeat(30)))
                    .put("double", 97.5).put("nan", Double.NaN).put("negativeZero", -0.0).put("tiny", 1.5e-7)
                    .put("decimal", new BigDecimal("12.50")).put("bool", true).put("instant", Instant.parse("2026-11-22T10:00:00.5Z"))
                    .put("date", LocalDate.of(2026, 11, 22)).put("datetime", LocalDateTime.of(2026, 11, 22, 10, 0))
                    .put("offset", OffsetDateTime.parse("2026-11-22T10:00+01:00")).put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"))
                    .put("bytes", new byte[]{0, (byte) 0xff, '\n'}).put("list", List.of(1, 2.5, "x")).put("map", Map.of("b", 1, "a", List.of()));
            n.put("version.int", "a string").put(".hidden", "h").put("a/b", "slash").put("100%", "percent").put("日本語", "ja");
            d.node("things/empty").create();
            d.root().put("top", 1);
            d.node("things").child("a/b").child("c%d").put("x", 1);
        }
        Files.writeString(source.resolve("things/all/nothing.json"), "null\n");
        Files.writeString(source.resolve("things/all/word.json"), "\"hello\"\n");

        String export = new Jdirs(source).run("export").ok().out();
        assertThat(export.lines()).hasSize(6).first().isEqualTo("{\"path\":\"\",\"attributes\":{\"top.int\":1}}");
        assertThat(export).contains("\"path\":\"things/a%2Fb/c%25d\"", "\"nan.double\":\"NaN\"", "\"decimal.decimal\":\"12.50\"",
                "\"version.int.str\":\"a string\"", "\"bytes.bin\":\"AP8K\"", "\"nothing.json\":null");

        jdirs.input(export, "import", "--batch", "2").ok();
        assertThat(files(db)).isEqualTo(files(source));
        assertThat(jdirs.run("export").ok().out()).isEqualTo(export);
    }

    @Test
    void exportAndImportTakeASubtree() throws Exception {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/alice/address/city", "Lyon").ok();
        String export = jdirs.run("export", "users/alice").ok().out();
        assertThat(export).isEqualTo("""
                {"path":"","attributes":{"age.int":42}}
                {"path":"address","attributes":{"city":"Lyon"}}
                """);
        jdirs.input(export, "import", "people/al").ok();
        assertThat(Files.readString(db.resolve("people/al/address/city"))).isEqualTo("Lyon\n");
        assertThat(jdirs.run("export", "users/alice/age").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("export", "users/bob").code()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void importCommitsWholeBatchesAndNamesTheBadLine() throws Exception {
        String lines = """
                {"path":"a","attributes":{"n.int":1}}
                {"path":"b","attributes":{"n.int":2}}

                {"path":"c","attributes":{"n.int":3}}
                {"path":"d","attributes":{"n.int":"four"}}
                """;
        Jdirs.Result bad = jdirs.input(lines, "import", "--batch", "2");
        assertThat(bad.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(bad.err()).isEqualTo("jdirs: stdin line 5: d/n.int: \"four\" is not an int "
                + "(the 2 nodes before its batch were imported)\n");
        assertThat(db.resolve("b/n.int")).exists();
        assertThat(db.resolve("c")).doesNotExist();

        Jdirs.Result malformed = jdirs.input("{\"path\":\"x\"}\n{\"path\":", "import");
        assertThat(malformed.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(malformed.err()).startsWith("jdirs: stdin line 2: malformed JSON: ");
        assertThat(db.resolve("x")).doesNotExist();
        assertThat(jdirs.input("{\"attributes\":{}}", "import").err())
                .startsWith("jdirs: stdin line 1: expected {\"path\": \"...\", \"attributes\": {...}}");
        assertThat(jdirs.input("{\"path\":\"a//b\"}", "import").err()).startsWith("jdirs: stdin line 1: a//b: empty key");
        assertThat(jdirs.input("", "import", "--batch", "0").code()).isEqualTo(Failure.USAGE);
    }

    @Test
    void demoIsReproducibleFromItsSeed() throws Exception {
        Jdirs anywhere = new Jdirs(null, tmp, Map.of());
        anywhere.run("demo", tmp.resolve("a").toString(), "--objects", "30", "--seed", "7").ok();
        anywhere.run("demo", tmp.resolve("b").toString(), "--objects", "30", "--seed", "7").ok();
        anywhere.run("demo", tmp.resolve("c").toString(), "--objects", "30", "--seed", "8").ok();
        assertThat(files(tmp.resolve("a"))).isEqualTo(files(tmp.resolve("b"))).isNotEqualTo(files(tmp.resolve("c")));

        Jdirs demo = new Jdirs(tmp.resolve("a"));
        assertThat(demo.run("ls", "users").ok().out().lines()).hasSize(30).startsWith("u00000/").endsWith("u00029/");
        assertThat(demo.run("ls", "users/u00029").ok().out()).isEqualTo("""
                active   bool
                age      int
                created  instant
                email    str
                name     str
                score    double
                """);
        for (int i = 0; i < 30; i++) {
            int age = Integer.parseInt(demo.run("get", "users/" + DemoCommand.key(i, 30) + "/age").ok().out().strip());
            assertThat(age).isBetween(18, 90);
        }
        assertThat(DemoCommand.key(7, 20_000)).isEqualTo("u00007");
        assertThat(DemoCommand.key(7, 100_001)).isEqualTo("u000007");
        assertThat(DemoCommand.key(100_000, 100_001)).isEqualTo("u100000");

        Jdirs.Result again = anywhere.run("demo", tmp.resolve("a").toString());
        assertThat(again.code()).isEqualTo(Failure.USAGE);
        assertThat(again.err()).contains("exists and is not empty");
        assertThat(anywhere.run("demo", tmp.resolve("d").toString(), "--objects", "-1").code()).isEqualTo(Failure.USAGE);
    }

    @Test
    void progressIsShownOnlyOnATerminal() {
        Jdirs quiet = new Jdirs(null, tmp, Map.of());
        assertThat(quiet.run("demo", tmp.resolve("a").toString(), "--objects", "10").ok().err()).isEmpty();
        Jdirs.Result shown = new Jdirs(null, tmp, Map.of()).tty().run("demo", tmp.resolve("b").toString(), "--objects", "10");
        assertThat(shown.code()).isZero();
        assertThat(shown.err()).isEqualTo("\rdemo [" + "#".repeat(30) + "] 100% 10/10\n");
        assertThat(new Jdirs(tmp.resolve("b")).tty().run("export").err()).isEqualTo("\rexport 12 nodes\n");
        assertThat(new Jdirs(tmp.resolve("b")).run("export").err()).isEmpty();
    }

    @Test
    void statsCountsNodesAttributesAndBytes() {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/alice/name", "Alice").ok();
        jdirs.run("set", "users/bob/name", "Bob").ok();
        String stats = jdirs.run("stats").ok().out();
        assertThat(stats).startsWith("""
                nodes       4
                attributes  3 (str 2, int 1)
                data        3 files, 13 bytes
                .jdirs/    \s""");
        assertThat(jdirs.run("--json", "stats").ok().out())
                .startsWith("{\"nodes\":4,\"attributes\":3,\"types\":{\"str\":2,\"int\":1},\"dataFiles\":3,\"dataBytes\":13,\"metaFiles\":");
        assertThat(new Jdirs(tmp.resolve("none")).run("stats").code()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void completionScriptCoversTheCommands() {
        String script = new Jdirs(null).run("generate-completion").ok().out();
        assertThat(script).contains("complete -F", "demo", "export", "incr");
    }
}
