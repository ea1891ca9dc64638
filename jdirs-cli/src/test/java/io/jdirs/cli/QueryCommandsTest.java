package io.jdirs.cli;

import io.jdirs.Database;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** find, count, explain, index, check and stats end to end, with bad input for each. */
class QueryCommandsTest extends DatabaseTest {
    @BeforeEach
    void users() {
        try (Database d = Database.open(db)) {
            d.update(tx -> {
                tx.node("users/alice").put("name", "Alice").put("age", 42).put("active", true)
                        .put("email", "alice@example.com").put("tags", List.of("admin")).put("created", Instant.parse("2026-11-22T10:00:00Z"));
                tx.node("users/bob").put("name", "Bob").put("age", 35).put("active", false).put("email", "bob@example.com");
                tx.node("users/carol").put("name", "Carol Ann").put("age", 58).put("active", true);
                tx.node("users/dan").put("name", "").put("age", 19).put("active", true).put("email", "dan@example.com");
                tx.node("users/carol/pets").child("a/b").put("kind", "cat").put("age", 3);
            });
        }
    }

    @Test
    void findPrintsPathsAndTheSelectedAttributes() {
        assertThat(jdirs.run("find", "users", "age > 30 order by age").ok().out()).isEqualTo("""
                users/bob
                users/alice
                users/carol
                """);
        assertThat(jdirs.run("find", "users", "select name, email, age where active = true order by name").ok().out())
                .isEqualTo("""
                        users/dan name="" email=dan@example.com age=19
                        users/alice name=Alice email=alice@example.com age=42
                        users/carol name="Carol Ann" age=58
                        """);
        assertThat(jdirs.run("find", "users", "age > 100").ok().out()).isEmpty();
        assertThat(jdirs.run("find", "/", "@key = \"users\"").ok().out()).isEqualTo("users\n");
    }

    @Test
    void findGivesJsonLinesWithTypedValues() {
        assertThat(jdirs.run("--json", "find", "users", "name = \"Alice\"").ok().out()).isEqualTo(
                "{\"path\":\"users/alice\",\"attributes\":{\"active\":true,\"age\":42,\"created\":\"2026-11-22T10:00:00Z\","
                        + "\"email\":\"alice@example.com\",\"name\":\"Alice\",\"tags\":[\"admin\"]}}\n");
        assertThat(jdirs.run("find", "users", "select email, tags where age < 40 order by age", "--json").ok().out())
                .isEqualTo("""
                        {"path":"users/dan","attributes":{"email":"dan@example.com","tags":null}}
                        {"path":"users/bob","attributes":{"email":"bob@example.com","tags":null}}
                        """);
    }

    @Test
    void findPagesWithACursor() {
        Jdirs.Result first = jdirs.run("find", "users", "order by age limit 2");
        assertThat(first.code()).isZero();
        assertThat(first.out()).isEqualTo("users/dan\nusers/bob\n");
        assertThat(first.err()).startsWith("jdirs: more nodes follow; the next page: --after ").endsWith("\n");
        String cursor = first.err().substring(first.err().lastIndexOf(' ') + 1).strip();

        Jdirs.Result second = jdirs.run("find", "users", "order by age limit 2", "--after", cursor);
        assertThat(second.ok().out()).isEqualTo("users/alice\nusers/carol\n");
        assertThat(jdirs.run("find", "users", "order by age limit 2 after \"" + cursor + "\"").ok().out())
                .isEqualTo(second.out());
        assertThat(jdirs.run("find", "users", "order by age", "--limit", "1", "--after", cursor).out()).isEqualTo("users/alice\n");

        String json = jdirs.run("--json", "find", "users", "select age order by age", "--limit", "3").ok().out();
        assertThat(json.lines()).hasSize(4).last().asString().startsWith("{\"cursor\":\"");
        assertThat(jdirs.run("--json", "find", "users", "order by age", "--limit", "4").ok().out()).doesNotContain("cursor");
    }

    @Test
    void findCoversTheSubtreeWithEscapedPaths() {
        assertThat(jdirs.run("find", "users", "kind = \"cat\"").ok().out()).isEmpty();
        assertThat(jdirs.run("find", "users", "select kind where kind exists", "--subtree").ok().out())
                .isEqualTo("users/carol/pets/a%2Fb kind=cat\n");
        assertThat(jdirs.run("count", "--subtree", "users", "age < 10").ok().out()).isEqualTo("1\n");
    }

    @Test
    void countAndExplainUseTheIndexOnceThereIsOne() {
        assertThat(jdirs.run("count", "users", "age > 30 and active = true").ok().out()).isEqualTo("2\n");
        assertThat(jdirs.run("explain", "users", "age > 30").ok().out()).contains("visit the children of users");

        jdirs.run("index", "create", "users", "age").ok();
        assertThat(jdirs.run("explain", "users", "age > 30").ok().out())
                .startsWith("index users(age): 1 range for age > 30\n").contains("a count reads no node");
        assertThat(jdirs.run("count", "users", "age > 30 order by name limit 1").ok().out()).isEqualTo("3\n");
        assertThat(jdirs.run("--json", "explain", "users", "age > 30").ok().out()).startsWith("\"index users(age): 1 range");
    }

    @Test
    void aQueryThatDoesNotParseIsAUsageErrorWithACaret() {
        for (String command : List.of("find", "count", "explain")) {
            Jdirs.Result bad = jdirs.run(command, "users", "age > > 3");
            assertThat(bad.code()).as(command).isEqualTo(Failure.USAGE);
            assertThat(bad.out()).isEmpty();
            assertThat(bad.err()).isEqualTo("""
                    jdirs: at 6 in the query "age > > 3": expected a value (a number, a string in quotes, true, false, a date), found ">"
                      age > > 3
                            ^
                    """);
        }
        assertThat(jdirs.run("find", "users", "name = Alice").err()).contains("(strings are written in quotes: \"Alice\")")
                .endsWith("  name = Alice\n         ^\n");
        assertThat(jdirs.run("find", "users", "age >").err()).endsWith("  age >\n       ^\n");
        assertThat(Main.caret("a = 1\n\tb ! 2", 9)).isEqualTo("  \tb ! 2\n  \t  ^");
    }

    @Test
    void queriesRefuseWhatIsNotAFolderOrNotAnOption() {
        Jdirs.Result missing = jdirs.run("find", "people", "age > 3");
        assertThat(missing.code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(missing.err()).isEqualTo("jdirs: people: not found\n");
        assertThat(jdirs.run("count", "people", "age > 3").code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(jdirs.run("explain", "people", "age > 3").code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(jdirs.run("find", "users/alice/age", "age > 3").err())
                .isEqualTo("jdirs: users/alice/age: is an attribute; find takes a node\n");
        assertThat(jdirs.run("find", "users", "age > 3", "--limit", "-1").err()).isEqualTo("jdirs: --limit must be 0 or more, was -1\n");
        assertThat(jdirs.run("find", "users", "order by age", "--after", "nonsense").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("find", "users").code()).isEqualTo(Failure.USAGE);
    }

    @Test
    void indexesAreCreatedListedAndDropped() {
        jdirs.run("index", "create", "users", "age").ok();
        jdirs.run("index", "create", "users", "email", "--unique").ok();
        jdirs.run("index", "create", "users", "active", "age").ok();
        assertThat(jdirs.run("index", "list").ok().out()).isEqualTo("users(active, age)\nusers(age)\nusers(email) unique\n");
        assertThat(jdirs.run("--json", "index", "list").ok().out().lines()).contains(
                "{\"folder\":\"users\",\"attributes\":[\"email\"],\"unique\":true}",
                "{\"folder\":\"users\",\"attributes\":[\"active\",\"age\"],\"unique\":false}");
        assertThat(jdirs.run("stats").ok().out()).endsWith("indexes     users(active, age), users(age), users(email) unique\n");

        Jdirs.Result again = jdirs.run("index", "create", "users", "age");
        assertThat(again.code()).isEqualTo(Failure.OTHER);
        assertThat(again.err()).contains("the index users(age) exists already");

        jdirs.run("index", "drop", "users", "age").ok();
        Jdirs.Result gone = jdirs.run("index", "drop", "users", "age");
        assertThat(gone.code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(gone.err()).isEqualTo("jdirs: users(age): no such index\n");
        assertThat(jdirs.run("index", "list").ok().out()).isEqualTo("users(active, age)\nusers(email) unique\n");
    }

    @Test
    void indexesRefuseBadFoldersAndDuplicates() {
        Jdirs.Result missing = jdirs.run("index", "create", "people", "age");
        assertThat(missing.code()).isEqualTo(Failure.NOT_FOUND);
        assertThat(missing.err()).isEqualTo("jdirs: people: not found; an index is on the child nodes of a node\n");
        assertThat(jdirs.run("index", "create", "users/carol/pets/a%2Fb", "age").code()).isEqualTo(Failure.USAGE);
        assertThat(jdirs.run("index", "create", "users").code()).isEqualTo(Failure.USAGE);
        Jdirs.Result none = jdirs.run("index");
        assertThat(none.code()).isEqualTo(Failure.USAGE);
        assertThat(none.err()).isEqualTo("jdirs: say what to do: index create, index drop or index list (see 'jdirs index --help')\n");

        jdirs.run("set", "users/bob/email", "alice@example.com").ok();
        Jdirs.Result taken = jdirs.run("index", "create", "users", "email", "--unique");
        assertThat(taken.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(taken.err()).contains("email \"alice@example.com\" is already taken by users/");
        assertThat(jdirs.run("index", "list").ok().out()).isEmpty();

        jdirs.run("set", "users/bob/email", "bob@example.com").ok();
        jdirs.run("index", "create", "users", "email", "--unique").ok();
        Jdirs.Result duplicate = jdirs.run("set", "users/dan/email", "bob@example.com");
        assertThat(duplicate.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(duplicate.err()).isEqualTo("jdirs: users/dan: email \"bob@example.com\" is already taken by users/bob "
                + "(unique index users(email) unique)\n");
    }

    @Test
    void indexBuildsShowProgressOnATerminal() {
        assertThat(jdirs.tty().run("index", "create", "users", "age").err()).matches("\rindexing users\\(age\\) [0-9]+ nodes\n");
        assertThat(new Jdirs(db).run("index", "create", "users", "name").ok().err()).isEmpty();
    }

    @Test
    void checkFindsBrokenValuesAndRepairsIndexesThatHandEditsMadeWrong() throws Exception {
        jdirs.run("index", "create", "users", "age").ok();
        assertThat(jdirs.run("check").ok().out()).isEqualTo("no problems\n");

        Files.writeString(db.resolve("users/bob/age.int"), "36\n");
        Jdirs.Result wrong = jdirs.run("check");
        assertThat(wrong.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(wrong.out()).isEqualTo("users/bob: is in the index users(age) with 35; expected 36 as in its files\n");
        assertThat(wrong.err()).isEqualTo("jdirs: 1 problem\n");

        assertThat(jdirs.run("check", "--repair").ok().out()).isEqualTo(
                "users/bob: is in the index users(age) with 35; expected 36 as in its files (repaired)\n1 problem, all repaired\n");
        assertThat(jdirs.run("check").ok().out()).isEqualTo("no problems\n");
        assertThat(jdirs.run("find", "users", "age = 36").ok().out()).isEqualTo("users/bob\n");

        Files.writeString(db.resolve("users/dan/age.int"), "nineteen\n");
        Files.writeString(db.resolve("users/alice/age.int"), "43\n");
        Jdirs.Result broken = jdirs.run("check", "--repair");
        assertThat(broken.code()).isEqualTo(Failure.BAD_DATA);
        assertThat(broken.out()).contains("users/dan/age.int: \"nineteen\" is not an int\n",
                "users/alice: is in the index users(age) with 42; expected 43 as in its files (repaired)\n");
        assertThat(broken.out().lines()).filteredOn(line -> !line.endsWith("(repaired)")).containsExactly(
                "users/dan/age.int: \"nineteen\" is not an int");
        assertThat(broken.err()).isEqualTo("jdirs: 1 problem left after repair (2 repaired)\n");
        assertThat(jdirs.run("check").out()).isEqualTo("users/dan/age.int: \"nineteen\" is not an int\n");
    }

    @Test
    void checkShowsProgressOnATerminal() {
        assertThat(jdirs.tty().run("check").err()).matches("\rcheck [0-9]+ files\n");
    }

    @Test
    void statsGivesTheLastCommit() {
        String before = jdirs.run("stats").ok().out();
        jdirs.run("set", "users/bob/age", "36").ok();
        String after = jdirs.run("stats").ok().out();
        long last = Long.parseLong(after.lines().filter(l -> l.startsWith("commit")).findFirst().orElseThrow().substring(12));
        assertThat(before).contains("commit      " + (last - 1) + "\n").endsWith("indexes     none\n");
        assertThat(jdirs.run("--json", "stats").ok().out()).contains("\"lastCommit\":" + last + ",\"indexes\":[]}");
    }
}
