package io.jdirs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Database.check: every problem, with its path and what was expected; repair rebuilds indexes and never touches data. */
class CheckTest {
    @TempDir
    Path dir;
    Path path;
    Database db;

    @BeforeEach
    void open() {
        path = dir.resolve("db");
        db = Database.open(path);
        db.update(tx -> {
            for (int i = 0; i < 20; i++) {
                tx.node("users/u" + i).put("age", 20 + i).put("name", "User " + i).put("tags", List.of("a"));
            }
        });
        db.createIndex("users", "age");
        db.createUniqueIndex("users", "name");
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> problems() {
        return db.check().stream().map(Database.Problem::toString).toList();
    }

    @Test
    void aSoundDatabaseHasNoProblem() {
        assertThat(db.check()).isEmpty();
        long[] seen = {0};
        assertThat(db.check(true, n -> seen[0] = n)).isEmpty();
        assertThat(seen[0]).isEqualTo(60); // told every 1,000 files, and the total: 20 users of 3 files
    }

    @Test
    void everyProblemOfTheDataIsReported() throws IOException {
        Files.writeString(path.resolve("users/u1/age.int"), "forty\n");
        Files.writeString(path.resolve("users/u2/tags.json"), "[\"a\",\n");
        Files.writeString(path.resolve("users/u3/age"), "23\n");                     // a second file for age
        Files.writeString(path.resolve("users/u4/Name"), "other\n");                // differs from name in case only
        Files.createDirectories(path.resolve("users/100%"));                        // not the encoding of a key
        Files.write(path.resolve("users/u5/bio"), new byte[] {(byte) 0xff, (byte) 0xfe});
        Files.createSymbolicLink(path.resolve("users/link"), path.resolve("users/u6"));
        db.close();
        db = Database.open(path);
        assertThat(problems()).contains(
                "users/u1/age.int: \"forty\" is not an int",
                "users/u3/age: key \"age\" is also named by age.int; expected one file or directory per key",
                "users/u4: keys \"Name\" and \"name\" differ only in case or Unicode normalization; macOS and Windows could not hold both",
                "users/100%: is ignored: a directory of a node is named by its key written as docs/FORMAT.md section 3 says "
                        + "(this name stands for the key \"100%\")",
                "users/u5/bio: is not UTF-8 text (name binary files with the .bin suffix)",
                "users/link: is neither a file nor a directory (a link?): ignored; expected a file or a directory",
                "users/u1: is in the index users(age) with 21; expected (unreadable) as in its files",
                "users/u3: is in the index users(age) with 23; expected (missing) as in its files");
        assertThat(problems()).anySatisfy(p -> assertThat(p).startsWith("users/u2/tags.json: is not valid JSON: "));
    }

    @Test
    void indexesThatDoNotMatchAreReportedAndRebuilt() throws IOException {
        Files.writeString(path.resolve("users/u7/age.int"), "99\n");
        Files.writeString(path.resolve(".jdirs/indexes/users@name/index"), "jdirs index 1\nfolder\tusers\n");
        db.close();
        db = Database.open(path);
        assertThat(problems()).containsExactly(
                "users/u7: is in the index users(age) with 27; expected 99 as in its files",
                ".jdirs/indexes/users@name/index: a definition needs a folder line, attribute lines and a unique line (true or false)");
        assertThat(db.check(true, null)).hasSize(2);
        assertThat(db.check()).isEmpty();
        assertThat(db.indexes()).extracting(Index::toString).containsExactly("users(age)");
        assertThat(db.node("users").find("age = 99").nodes()).extracting(Node::key).containsExactly("u7");
        assertThat(db.node("users/u7").getInt("age")).isEqualTo(99);
    }

    @Test
    void aUniqueIndexThatHandEditsBrokeIsReportedButNotRebuilt() throws IOException {
        Files.writeString(path.resolve("users/u8/name"), "User 9\n");
        db.close();
        db = Database.open(path);
        List<Database.Problem> found = db.check(true, null);
        assertThat(found).extracting(Database.Problem::toString).contains(
                "users/u8: is in the index users(name) unique with \"User 8\"; expected \"User 9\" as in its files",
                "users/u9: the index users(name) unique cannot be rebuilt: name \"User 9\" is already taken by users/u8 "
                        + "(unique index users(name) unique)");
        assertThat(Files.readString(path.resolve("users/u8/name"))).isEqualTo("User 9\n");
    }
}
