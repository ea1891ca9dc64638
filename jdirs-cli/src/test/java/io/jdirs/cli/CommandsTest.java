package io.jdirs.cli;

import io.jdirs.Database;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** Every command end to end in this process: output, files on disk, exit codes, and bad input. */
class CommandsTest extends DatabaseTest {
    private String file(String relative) throws Exception {
        return Files.readString(db.resolve(relative), UTF_8);
    }

    @Test
    void initMakesADatabaseAndAdoptsExistingFiles() throws Exception {
        assertThat(file(".jdirs/format")).startsWith("jdirs format 1");
        Path notes = tmp.resolve("notes");
        Files.createDirectories(notes.resolve("todo"));
        Files.writeString(notes.resolve("todo/first"), "buy milk\n");
        new Jdirs(null, tmp, Map.of()).run("init", notes.toString()).ok();
        assertThat(new Jdirs(notes).run("get", "todo/first").ok().out()).isEqualTo("buy milk\n");

        Jdirs.Result again = new Jdirs(null, tmp, Map.of()).run("init", notes.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("is a jdirs database already");
    }

    @Test
    void setInfersTypesAndWritesFiles() throws Exception {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/alice/name", "Alice").ok();
        jdirs.run("set", "users/alice/score", "97.5").ok();
        jdirs.run("set", "users/alice/active", "true").ok();
        jdirs.run("set", "users/alice/created", "2026-11-22T10:00:00Z").ok();
        jdirs.run("set", "users/alice/born", "1984-02-29").ok();
        jdirs.run("set", "users/alice/big", "100000000000000000000000").ok();
        jdirs.run("set", "users/alice/tags", "[\"admin\",\"ops\"]").ok();
        jdirs.run("set", "users/alice/zip", "01234").ok();
        jdirs.run("set", "users/alice/price", "12.50").ok();
        jdirs.run("set", "users/alice/big2", "1e3").ok();
        jdirs.run("set", "users/alice/shout", "TRUE").ok();
        jdirs.run("set", "users/alice/padded", " 42").ok();

        assertThat(file("users/alice/age.int")).isEqualTo("42\n");
        assertThat(file("users/alice/name")).isEqualTo("Alice\n");
        assertThat(file("users/alice/score.double")).isEqualTo("97.5\n");
        assertThat(file("users/alice/active.bool")).isEqualTo("true\n");
        assertThat(file("users/alice/created.instant")).isEqualTo("2026-11-22T10:00:00Z\n");
        assertThat(file("users/alice/born.date")).isEqualTo("1984-02-29\n");
        assertThat(file("users/alice/big.bigint")).isEqualTo("100000000000000000000000\n");
        assertThat(file("users/alice/tags.json")).isEqualTo("[\n  \"admin\",\n  \"ops\"\n]\n");
        assertThat(file("users/alice/zip")).isEqualTo("01234\n");
        assertThat(file("users/alice/price.double")).isEqualTo("12.5\n");
        assertThat(file("users/alice/big2")).isEqualTo("1e3\n");
        assertThat(file("users/alice/shout")).isEqualTo("TRUE\n");
        assertThat(file("users/alice/padded")).isEqualTo(" 42\n");
    }

    @Test
    void setTakesATypeByOptionOrBySuffix() throws Exception {
        jdirs.run("set", "n/zip", "01234", "--type", "str").ok();
        jdirs.run("set", "n/price", "12.50", "-t", "decimal").ok();
        jdirs.run("set", "n/count.long", "7").ok();
        jdirs.run("set", "n/photo", "AAEC/w==", "--type", "bin").ok();
        jdirs.run("set", "n/version.int.str", "2").ok();
        jdirs.run("set", "n/word", "\"hi\"", "--type", "json").ok();
        assertThat(file("n/zip")).isEqualTo("01234\n");
        assertThat(file("n/price.decimal")).isEqualTo("12.50\n");
        assertThat(file("n/count.long")).isEqualTo("7\n");
        assertThat(Files.readAllBytes(db.resolve("n/photo.bin"))).containsExactly(0, 1, 2, 255);
        assertThat(file("n/version.int.str")).isEqualTo("2\n");
        assertThat(file("n/word.json")).isEqualTo("\"hi\"\n");

        jdirs.run("set", "n/count", "8", "--type", "int").ok();
        assertThat(db.resolve("n/count.long")).doesNotExist();
        assertThat(file("n/count.int")).isEqualTo("8\n");
    }

    @Test
    void setRefusesBadValuesAndTypes() {
        Jdirs.Result bad = jdirs.run("set", "users/alice/age", "forty", "--type", "int");
        assertThat(bad.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(bad.err()).isEqualTo("jdirs: users/alice/age.int: \"forty\" is not an int\n");
        assertThat(jdirs.run("set", "a/b", "3000000000", "-t", "int").err()).isEqualTo("jdirs: a/b.int: 3000000000 is out of range for an int\n");
        assertThat(jdirs.run("set", "a/b", "2026-13-01", "-t", "date").code()).isEqualTo(Failure.BAD_DATA);
        assertThat(jdirs.run("set", "a/b", "{", "-t", "json").code()).isEqualTo(Failure.BAD_DATA);
        assertThat(jdirs.run("set", "a/b", "not base64!", "-t", "bin").code()).isEqualTo(Failure.BAD_DATA);

        Jdirs.Result unknown = jdirs.run("set", "a/b", "1", "--type", "integer");
        assertThat(unknown.code()).isEqualTo(Failure.USAGE);
        assertThat(unknown.err()).contains("unknown type \"integer\"; the types are str, bool, int");
        assertThat(jdirs.run("set", "a/b.int", "1", "--type", "long").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("set", "", "1").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("set", "a/b").code()).isEqualTo(Failure.USAGE);
        assertThat(db.resolve("a")).doesNotExist();
    }

    @Test
    void getPrintsBareValuesAndNodesAsJson() {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/alice/name", "Alice").ok();
        jdirs.run("set", "users/alice/photo", "AAEC/w==", "-t", "bin").ok();
        jdirs.run("set", "users/alice/address/city", "Lyon").ok();
        jdirs.run("set", "users/alice/tags", "[\"a\"]").ok();

        assertThat(jdirs.run("get", "users/alice/age").ok().out()).isEqualTo("42\n");
        assertThat(jdirs.run("get", "users/alice/age.int").ok().out()).isEqualTo("42\n");
        assertThat(jdirs.run("get", "/users/alice/name/").ok().out()).isEqualTo("Alice\n");
        assertThat(jdirs.run("get", "users/alice/photo").ok().bytes()).containsExactly(0, 1, 2, 255);
        assertThat(jdirs.run("get", "users/alice/tags").ok().out()).isEqualTo("[\n  \"a\"\n]\n");
        assertThat(jdirs.run("get", "users/alice").ok().out()).isEqualTo("""
                {
                  "address": {},
                  "age": 42,
                  "name": "Alice",
                  "photo": "AAEC/w==",
                  "tags": [
                    "a"
                  ]
                }
                """);
        assertThat(jdirs.run("--json", "get", "users/alice", "--depth", "2").ok().out())
                .isEqualTo("{\"address\":{\"city\":\"Lyon\"},\"age\":42,\"name\":\"Alice\",\"photo\":\"AAEC/w==\",\"tags\":[\"a\"]}\n");
        assertThat(jdirs.run("get", "users/alice/name", "--json").ok().out()).isEqualTo("\"Alice\"\n");
        assertThat(jdirs.run("get", "").ok().out()).isEqualTo("{\n  \"users\": {}\n}\n");
    }

    @Test
    void getReportsWhatIsMissingOrWrong() throws Exception {
        Jdirs.Result missing = jdirs.run("get", "users/bob/age");
        assertThat(missing.code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(missing.err()).isEqualTo("jdirs: users/bob/age: not found\n");
        assertThat(missing.bytes()).isEmpty();

        assertThat(jdirs.run("get", "users//age").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("get", "users", "--depth", "0").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("get", "x".repeat(300)).code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(jdirs.run("set", "x".repeat(300), "1").code()).isEqualTo(Failure.USAGE);

        Files.createDirectories(db.resolve("users/carol"));
        Files.writeString(db.resolve("users/carol/age.int"), "forty\n");
        Jdirs.Result bad = jdirs.run("get", "users/carol/age");
        assertThat(bad.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(bad.err()).isEqualTo("jdirs: users/carol/age.int: \"forty\" is not an int\n");
        assertThat(bad.err()).doesNotContain("Exception");
        assertThat(jdirs.run("--verbose", "get", "users/carol/age").err()).contains("InvalidDataException", "\tat ");
    }

    @Test
    void keysWithSlashesAndPercentSignsAreEscaped() throws Exception {
        jdirs.run("set", "sites/a%2Fb/rate", "100%").ok();
        jdirs.run("set", "sites/100%/x", "1").ok();
        assertThat(file("sites/a%2Fb/rate")).isEqualTo("100%\n");
        assertThat(file("sites/100%25/x.int")).isEqualTo("1\n");
        assertThat(jdirs.run("ls", "sites").ok().out()).isEqualTo("100%25/\na%2Fb/\n");
        assertThat(jdirs.run("get", "sites/100%25/x").ok().out()).isEqualTo("1\n");
        try (Database d = Database.open(db)) {
            assertThat(d.root().child("sites").child("a/b").getString("rate")).isEqualTo("100%");
        }
    }

    @Test
    void lsListsKeysWithTypes() {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/alice/nickname", "Al").ok();
        jdirs.run("set", "users/alice/address/city", "Lyon").ok();
        assertThat(jdirs.run("ls", "users/alice").ok().out()).isEqualTo("""
                address/
                age       int
                nickname  str
                """);
        assertThat(jdirs.run("ls").ok().out()).isEqualTo("users/\n");
        assertThat(jdirs.run("ls", "users/alice/age").ok().out()).isEqualTo("age  int\n");
        assertThat(jdirs.run("--json", "ls", "users/alice").ok().out())
                .isEqualTo("{\"address\":\"node\",\"age\":\"int\",\"nickname\":\"str\"}\n");
        assertThat(jdirs.run("ls", "users/bob").code()).isEqualTo(Failure.NOT_FOUND);
    }

    @Test
    void rmRemovesAttributesAndWithRNodes() {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/alice/name", "Alice").ok();
        jdirs.run("rm", "users/alice/age").ok();
        assertThat(db.resolve("users/alice/age.int")).doesNotExist();

        Jdirs.Result node = jdirs.run("rm", "users/alice");
        assertThat(node.code()).isEqualTo(Failure.USAGE);
        assertThat(node.err()).contains("users/alice: is a node; rm -r");
        assertThat(db.resolve("users/alice/name")).exists();

        jdirs.run("rm", "-r", "users/alice").ok();
        assertThat(db.resolve("users/alice")).doesNotExist();
        assertThat(jdirs.run("rm", "users/alice").code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(jdirs.run("rm", "-r", "/").code()).isEqualTo(Failure.USAGE);
    }

    @Test
    void mvMovesAndRenamesNodes() throws Exception {
        jdirs.run("set", "users/alice/age", "42").ok();
        jdirs.run("set", "users/bob/age", "35").ok();
        jdirs.run("mv", "users/alice", "archive/2026/alice").ok();
        assertThat(file("archive/2026/alice/age.int")).isEqualTo("42\n");
        assertThat(db.resolve("users/alice")).doesNotExist();

        Jdirs.Result taken = jdirs.run("mv", "users/bob", "archive/2026/alice");
        assertThat(taken.code()).isEqualTo(Failure.OTHER);
        assertThat(taken.err()).contains("archive/2026/alice: exists already");
        assertThat(jdirs.run("mv", "users/nobody", "x").code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(jdirs.run("mv", "users/bob/age", "x").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("mv", "users", "users/bob/users").code()).isEqualTo(Failure.USAGE);
        assertThat(file("users/bob/age.int")).isEqualTo("35\n");
    }

    @Test
    void incrAddsToIntegersAndCreatesThem() throws Exception {
        assertThat(jdirs.run("incr", "stats/visits").ok().out()).isEqualTo("1\n");
        assertThat(jdirs.run("incr", "stats/visits", "41").ok().out()).isEqualTo("42\n");
        assertThat(jdirs.run("incr", "stats/visits", "-2").ok().out()).isEqualTo("40\n");
        assertThat(file("stats/visits.int")).isEqualTo("40\n");
        assertThat(jdirs.run("incr", "stats/big", "5000000000").ok().out()).isEqualTo("5000000000\n");
        assertThat(file("stats/big.long")).isEqualTo("5000000000\n");
        assertThat(jdirs.run("incr", "stats/small.long").ok().out()).isEqualTo("1\n");
        assertThat(file("stats/small.long")).isEqualTo("1\n");

        jdirs.run("set", "stats/max", "2147483647").ok();
        Jdirs.Result overflow = jdirs.run("incr", "stats/max");
        assertThat(overflow.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(overflow.err()).contains("stats/max.int: 2147483647 + 1 is out of range for an int");
        jdirs.run("set", "stats/name", "x").ok();
        assertThat(jdirs.run("incr", "stats/name").err()).contains("stats/name: is a str, not an integer");
        assertThat(jdirs.run("incr", "stats/visits", "two").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("incr", "stats/visits.long").code()).isEqualTo(Failure.BAD_DATA);
        assertThat(file("stats/visits.int")).isEqualTo("40\n");
    }

    @Test
    void theDatabaseIsFoundByOptionEnvironmentOrEnclosingDirectory() throws Exception {
        new Jdirs(db).run("set", "users/alice/age", "42").ok();
        Path inside = Files.createDirectories(db.resolve("users/alice"));
        assertThat(new Jdirs(null, inside, Map.of()).run("get", "users/alice/age").ok().out()).isEqualTo("42\n");
        assertThat(new Jdirs(null, tmp, Map.of("JDIRS_DB", db.toString())).run("get", "users/alice/age").ok().out())
                .isEqualTo("42\n");

        Jdirs.Result none = new Jdirs(null, tmp, Map.of()).run("get", "users/alice/age");
        assertThat(none.code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(none.err()).contains("no jdirs database in " + tmp + " or above it");
        Jdirs.Result missing = new Jdirs(tmp.resolve("nowhere")).run("ls");
        assertThat(missing.code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(missing.err()).isEqualTo("jdirs: " + tmp.resolve("nowhere") + ": not a jdirs database (it has no .jdirs/format)\n");
        assertThat(tmp.resolve("nowhere")).doesNotExist();
    }

    @Test
    void settingsArePassedToTheDatabase() {
        jdirs.run("-o", "durability=relaxed", "-o", "lockTimeout=500", "set", "a/b", "1").ok();
        assertThat(jdirs.run("get", "a/b", "-o", "cacheSize=0").ok().out()).isEqualTo("1\n");
        Jdirs.Result bad = jdirs.run("-o", "cacheSize=lots", "ls");
        assertThat(bad.code()).isEqualTo(Failure.USAGE);
        assertThat(bad.err()).isEqualTo("jdirs: cacheSize: \"lots\" is not a size in bytes (such as 65536, 512k, 64m, 1g)\n");
    }

    @Test
    void usageErrorsAreOneLineAndHelpHasExamples() {
        Jdirs.Result none = jdirs.run();
        assertThat(none.code()).isEqualTo(Failure.USAGE);
        assertThat(none.err()).isEqualTo("jdirs: no command given (see 'jdirs --help')\n");
        Jdirs.Result unknown = jdirs.run("frobnicate");
        assertThat(unknown.code()).isEqualTo(Failure.USAGE);
        assertThat(unknown.err().lines()).hasSize(1);

        String help = jdirs.run("--help").ok().out();
        assertThat(help).contains("Exit codes:", "3   not found", "%2F");
        for (String command : Main.COMMANDS) {
            assertThat(help).contains("  " + command + " ");
            assertThat(jdirs.run(command, "--help").ok().out()).as(command).contains("Example:", "jdirs " + command);
        }
        assertThat(jdirs.run("help", "get").ok().out()).contains("Usage: jdirs get");
        assertThat(new Jdirs(null).run("--json", "frobnicate", "a").err())
                .isEqualTo("jdirs: Unmatched arguments from index 1: 'frobnicate', 'a' (see 'jdirs --help')\n");
    }
}
