package io.jdirs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Indexes: their files, their use by queries, their upkeep by commits, uniqueness, and repair after hand edits. */
class IndexTest {
    @TempDir
    Path dir;
    Path path;
    Database db;

    @BeforeEach
    void open() {
        path = dir.resolve("db");
        db = Database.open(path);
        db.update(tx -> {
            for (int i = 0; i < 300; i++) {
                tx.node("users/u" + String.format("%03d", i)).put("age", 18 + i % 73).put("email", "user" + i + "@example.com")
                        .put("name", "User " + i);
            }
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> keys(String query) {
        List<String> out = new ArrayList<>();
        db.node("users").find(query).forEach(n -> out.add(n.key()));
        return out;
    }

    @Test
    void anIndexIsPlainFilesInJdirs() throws IOException {
        Index age = db.createIndex("users", "age");
        assertThat(age).hasToString("users(age)");
        assertThat(db.indexes()).containsExactly(age);
        Path files = path.resolve(".jdirs/indexes/users@age");
        assertThat(Files.readString(files.resolve("index"))).isEqualTo("jdirs index 1\nfolder\tusers\nattribute\tage\nunique\tfalse\n");
        assertThat(Files.readString(files.resolve("leaves"))).startsWith("jdirs leaves 1 next=4 checked=").contains("\n1\n2\tint\t");
        assertThat(Files.readAllLines(files.resolve("1")).get(0)).isEqualTo("int\t18\tu000");
        assertThat(Files.readAllLines(files.resolve("1")).get(1)).isEqualTo("int\t18\tu073");
        assertThat(db.dropIndex("users", "age")).isTrue();
        assertThat(db.dropIndex("users", "age")).isFalse();
        assertThat(files).doesNotExist();
        assertThat(db.indexes()).isEmpty();
    }

    @Test
    void queriesUseIndexesAndGetTheSameResults() {
        List<String> queries = List.of("age > 80", "age = 20", "age between 30 and 35", "age in (19, 50, 90)", "age < 20 and name contains \"1\"",
                "age >= 88 order by age desc", "order by age limit 5", "order by age desc limit 3 offset 2", "age = \"25\"",
                "age > 60 and age <= 61", "age > 60 and age < 20");
        List<List<String>> before = new ArrayList<>();
        queries.forEach(q -> before.add(keys(q)));
        db.createIndex("users", "age");
        for (int i = 0; i < queries.size(); i++) {
            assertThat(keys(queries.get(i))).as(queries.get(i)).isEqualTo(before.get(i));
        }
        Node users = db.node("users");
        assertThat(users.explain("age > 80")).startsWith("index users(age): 1 range for age > 80")
                .contains("the index decides the whole filter");
        assertThat(users.explain("age < 20 and name contains \"1\"")).contains("then check the filter on each node found");
        assertThat(users.explain("order by age desc limit 3")).contains("the index gives the order, and the query stops at its limit");
        assertThat(users.explain("name = \"x\"")).startsWith("visit the children of users:")
                .contains("users(age) serves none of the conditions");
        assertThat(users.count("age > 80")).isEqualTo(before.get(0).size());
        db.createUniqueIndex("users", "email");
        assertThat(users.explain("email = \"user7@example.com\" and age > 20"))
                .startsWith("index users(email) unique: 1 range for email = \"user7@example.com\"");
        assertThat(keys("email = \"user7@example.com\"")).containsExactly("u007");
        assertThat(keys("email starts with \"user29\"")).containsExactly("u029", "u290", "u291", "u292", "u293", "u294", "u295",
                "u296", "u297", "u298", "u299");
    }

    @Test
    void commitsKeepIndexesCurrent() {
        db.createIndex("users", "age");
        db.node("users/u001").put("age", 99);
        db.node("users/u002").remove("age");
        db.node("users/u003").delete();
        db.node("users/new").put("age", 99);
        db.node("users/u004").rename("renamed");
        db.update(tx -> {
            tx.node("users/u005").moveTo(tx.node("archive/u005"));
            tx.node("users/u006").put("age", "99"); // a string now
        });
        assertThat(keys("age = 99")).containsExactly("new", "u001");
        assertThat(keys("age = \"99\"")).containsExactly("new", "u001", "u006");
        assertThat(keys("age missing")).containsExactly("u002");
        assertThat(keys("@key = \"renamed\" and age = 22")).containsExactly("renamed");
        assertThat(db.node("users").count("age exists")).isEqualTo(298); // 300 - u003 - u005 + new - u002
        List<String> queries = List.of("age > 50", "age < 30 order by age desc", "age = 22", "order by age desc limit 7");
        List<List<String>> indexed = new ArrayList<>();
        queries.forEach(q -> indexed.add(keys(q)));
        db.dropIndex("users", "age");
        for (int i = 0; i < queries.size(); i++) {
            assertThat(keys(queries.get(i))).as(queries.get(i)).isEqualTo(indexed.get(i));
        }
    }

    @Test
    void leavesSplitAndEmptyOnesGo() throws IOException {
        db.createIndex("users", "name");
        db.update(tx -> {
            for (int i = 0; i < 700; i++) {
                tx.node("users/x" + i).put("name", "Extra " + String.format("%04d", i));
            }
        });
        Path files = path.resolve(".jdirs/indexes/users@name");
        long leaves;
        try (Stream<Path> s = Files.list(files)) {
            leaves = s.filter(p -> p.getFileName().toString().matches("[0-9]+")).count();
        }
        assertThat(leaves).isGreaterThan(4);
        assertThat(keys("name starts with \"Extra 06\"")).hasSize(100);
        db.update(tx -> {
            for (int i = 0; i < 700; i++) {
                tx.node("users/x" + i).delete();
            }
        });
        try (Stream<Path> s = Files.list(files)) {
            assertThat(s.filter(p -> p.getFileName().toString().matches("[0-9]+")).count()).isLessThan(leaves);
        }
        assertThat(keys("name starts with \"Extra\"")).isEmpty();
        assertThat(db.node("users").count("name exists")).isEqualTo(300);
    }

    @Test
    void uniqueIndexesRefuseDuplicatesNamingBothNodes() {
        db.createUniqueIndex("users", "email");
        assertThatThrownBy(() -> db.node("users/u009").put("email", "user8@example.com"))
                .isInstanceOf(DuplicateException.class)
                .hasMessage("users/u009: email \"user8@example.com\" is already taken by users/u008 (unique index users(email) unique)")
                .satisfies(e -> assertThat(((DuplicateException) e).existing()).isEqualTo("users/u008"));
        assertThat(db.node("users/u009").getString("email")).isEqualTo("user9@example.com");
        db.update(tx -> { // two nodes swap their values in one transaction
            tx.node("users/u001").put("email", "user2@example.com");
            tx.node("users/u002").put("email", "user1@example.com");
        });
        assertThat(keys("email = \"user1@example.com\"")).containsExactly("u002");
        db.node("users/u010").remove("email");
        db.node("users/u011").remove("email"); // missing values are not duplicates
        db.node("users/u012").put("email", "USER13@example.com"); // nor values differing in case
        db.createUniqueIndex("users", "name", "age");
        db.node("users/dup").put("age", 18);
        assertThatThrownBy(() -> db.node("users/dup").put("name", "User 0")).isInstanceOf(DuplicateException.class)
                .hasMessage("users/dup: name, age \"User 0\", 18 is already taken by users/u000 (unique index users(name, age) unique)");
        db.dropIndex("users", "name", "age");
        db.node("users/dup").put("name", "User 0");
        assertThatThrownBy(() -> db.createUniqueIndex("users", "name", "age"))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("users/u000").hasMessageContaining("users/dup");
    }

    @Test
    void handEditsAreFoundAndTheIndexRepaired() throws IOException {
        db.createIndex("users", "age");
        db.close();
        Files.writeString(path.resolve("users/u010/age.int"), "99\n");             // changed in place
        Files.delete(path.resolve("users/u011/age.int"));                         // removed
        Files.createDirectories(path.resolve("users/hand"));                       // a node made by hand
        Files.writeString(path.resolve("users/hand/age.int"), "99\n");
        deleteTree(path.resolve("users/u012"));                                    // a node removed by hand
        db = Database.open(path);
        Node users = db.node("users");
        assertThat(users.explain("age = 99")).contains("users(age) is not used now"); // checked, found not to match
        assertThat(keys("age = 99")).containsExactly("hand", "u010");
        assertThat(keys("age missing")).containsExactly("u011");
        assertThat(users.explain("age = 99")).startsWith("index users(age)"); // repaired before this transaction
        assertThat(keys("age = 99")).containsExactly("hand", "u010");
        assertThat(users.count("age missing")).isEqualTo(1);
        assertThat(users.count("age exists")).isEqualTo(299);
    }

    @Test
    void anIndexThatMatchesIsUsedAndACostlyCheckIsRecorded() throws IOException {
        db.createIndex("users", "age");
        db.close();
        Path manifest = path.resolve(".jdirs/indexes/users@age/leaves");
        String created = Files.readAllLines(manifest).get(0);
        db = Database.open(path);
        db.node("users/late").put("age", 777); // another process's commit: the folder changed since the check
        db.close();
        db = Database.open(path);
        assertThat(db.node("users").explain("age = 777")).startsWith("index users(age)"); // listed the folder, all matched
        assertThat(keys("age = 777")).containsExactly("late");
        assertThat(Files.readAllLines(manifest).get(0)).isNotEqualTo(created); // a new check time, for the next process
    }

    @Test
    void missingOrDamagedIndexFilesAreRebuilt() throws IOException {
        db.createIndex("users", "age");
        List<String> expected = keys("age > 70");
        db.close();
        Files.delete(path.resolve(".jdirs/indexes/users@age/1"));
        db = Database.open(path);
        assertThat(keys("age > 70")).isEqualTo(expected);
        assertThat(db.node("users").explain("age > 70")).startsWith("index users(age)");
        db.close();
        Files.writeString(path.resolve(".jdirs/indexes/users@age/leaves"), "garbage\n");
        db = Database.open(path);
        assertThat(keys("age > 70")).isEqualTo(expected);
        assertThat(db.node("users").explain("age > 70")).startsWith("index users(age)");
    }

    @Test
    void aCopiedDatabaseKeepsWorkingIndexes() throws IOException {
        db.createIndex("users", "age");
        List<String> expected = keys("age between 20 and 25");
        db.close();
        Path copy = dir.resolve("copy");
        copyTree(path, copy);
        try (Database c = Database.open(copy)) {
            c.node("users/u100").put("age", 21);
            List<String> out = new ArrayList<>();
            c.node("users").find("age between 20 and 25").forEach(n -> out.add(n.key()));
            List<String> plus = new ArrayList<>(expected);
            if (!plus.contains("u100")) {
                plus.add("u100");
            }
            plus.sort(null);
            assertThat(out).isEqualTo(plus);
        }
        db = Database.open(path);
        assertThat(keys("age between 20 and 25")).isEqualTo(expected);
    }

    @Test
    void aMovedOrRemovedFolderLeavesAnIndexThatIsRebuilt() {
        db.createIndex("users", "age");
        db.node("users").rename("people");
        assertThat(keys("age > 0")).isEmpty();
        assertThat(db.node("users").count("age > 0")).isZero();
        db.node("people").rename("users");
        assertThat(keys("age = 18")).hasSize(5);
        db.node("users").delete();
        db.node("users/solo").put("age", 18);
        assertThat(keys("age = 18")).containsExactly("solo");
        assertThat(db.node("users").explain("age = 18")).startsWith("index users(age)");
    }

    @Test
    void relaxedCommitsKeepIndexesCurrentBeforeTheyAreWritten() {
        db.close();
        db = Database.open(path, Options.defaults().durability(Options.Durability.RELAXED).flushInterval(60_000));
        db.createIndex("users", "age");
        for (int i = 0; i < 50; i++) {
            db.node("users/r" + i).put("age", 200 + i);
        }
        assertThat(keys("age >= 200")).hasSize(50);
        db.close();
        db = Database.open(path);
        assertThat(keys("age >= 200")).hasSize(50);
    }

    private static void deleteTree(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
