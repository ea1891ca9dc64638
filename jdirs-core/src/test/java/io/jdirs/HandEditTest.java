package io.jdirs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Databases made and changed with plain file operations, as a person with mkdir and echo would. */
class HandEditTest {
    @TempDir
    Path dir;

    /** {@code mkdir -p db/.jdirs && echo "jdirs format 1" > db/.jdirs/format}, then objects by hand. */
    private Path handMadeDatabase() throws Exception {
        Path db = dir.resolve("db");
        Files.createDirectories(db.resolve(".jdirs"));
        Files.writeString(db.resolve(".jdirs/format"), "jdirs format 1\n");
        Path alice = Files.createDirectories(db.resolve("users/alice"));
        Files.writeString(alice.resolve("name"), "Alice\n");                      // echo Alice > name
        Files.writeString(alice.resolve("age.int"), "42\n");
        Files.writeString(alice.resolve("score.double"), "97.5\r\n");             // saved by a Windows editor
        Files.writeString(alice.resolve("active.bool"), "true");                 // printf, no newline
        Files.writeString(alice.resolve("created.instant"), "2026-11-22T10:00:00Z\n");
        Files.writeString(alice.resolve("tags.json"), "[\"a\", \"b\"]\n");
        Files.writeString(alice.resolve("notes.txt"), "a string attribute\nwith two lines\n");
        return db;
    }

    @Test
    void aDatabaseMadeWithMkdirAndEchoReadsWithTheRightTypes() throws Exception {
        try (Database db = Database.open(handMadeDatabase())) {
            Node alice = db.node("users/alice");
            assertThat(alice.keys()).containsExactly("active", "age", "created", "name", "notes.txt", "score", "tags");
            assertThat(alice.getString("name")).isEqualTo("Alice");
            assertThat(alice.get("age")).isEqualTo(42);
            assertThat(alice.get("score")).isEqualTo(97.5);
            assertThat(alice.get("active")).isEqualTo(true);
            assertThat(alice.get("created")).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
            assertThat(alice.get("tags")).isEqualTo(List.of("a", "b"));
            assertThat(alice.getString("notes.txt")).isEqualTo("a string attribute\nwith two lines");
        }
    }

    @Test
    void aBrokenValueIsAnErrorNamingTheFileAndTheRestStillReads() throws Exception {
        Path db = handMadeDatabase();
        Files.writeString(db.resolve("users/alice/age.int"), "forty\n");
        Files.writeString(db.resolve("users/alice/tags.json"), "[\"a\", \n");
        Files.write(db.resolve("users/alice/photo.jpg"), new byte[] {(byte) 0xff, (byte) 0xd8, 0});
        try (Database d = Database.open(db)) {
            Node alice = d.node("users/alice");
            assertThatThrownBy(() -> alice.getInt("age")).isInstanceOf(InvalidDataException.class)
                    .hasMessage("users/alice/age.int: \"forty\" is not an int");
            assertThatThrownBy(() -> alice.get("tags")).isInstanceOf(InvalidDataException.class)
                    .hasMessageStartingWith("users/alice/tags.json: is not valid JSON");
            assertThatThrownBy(() -> alice.get("photo.jpg")).isInstanceOf(InvalidDataException.class)
                    .hasMessage("users/alice/photo.jpg: is not UTF-8 text (name binary files with the .bin suffix)");
            assertThat(alice.getString("name")).isEqualTo("Alice");
            assertThat(alice.type("age")).isEqualTo(Type.INT);
            assertThat(alice.keys()).contains("age", "tags", "photo.jpg");
            // the error loses nothing: the bad file is still there, and can be fixed through the API
            assertThat(Files.readString(db.resolve("users/alice/age.int"))).isEqualTo("forty\n");
            alice.put("age", 40);
            assertThat(alice.getInt("age")).isEqualTo(40);
        }
    }

    @Test
    void hiddenFilesEditorLeftoversAndLinksAreNotEntries() throws Exception {
        Path db = handMadeDatabase();
        Path alice = db.resolve("users/alice");
        Files.writeString(alice.resolve(".DS_Store"), "x");
        Files.writeString(alice.resolve(".age.int.swp"), "x");
        Files.writeString(alice.resolve("age.int~"), "41\n");
        Files.createSymbolicLink(alice.resolve("link"), dir);
        Files.createDirectories(alice.resolve(".git"));
        try (Database d = Database.open(db)) {
            assertThat(d.node("users/alice").keys()).containsExactly("active", "age", "created", "name", "notes.txt", "score", "tags");
            assertThat(d.node("users/alice").has("link")).isFalse();
        }
    }

    @Test
    void twoFilesForOneKeyAreReportedAndLeftForAPersonToResolve() throws Exception {
        Path db = handMadeDatabase();
        Files.writeString(db.resolve("users/alice/age"), "forty-two\n");
        try (Database d = Database.open(db)) {
            Node alice = d.node("users/alice");
            assertThatThrownBy(() -> alice.get("age")).isInstanceOf(InvalidDataException.class)
                    .hasMessage("users/alice/age: key \"age\" is also named by age.int; remove one of the two");
            assertThatThrownBy(() -> alice.put("age", 43)).isInstanceOf(InvalidDataException.class);
            assertThat(alice.getString("name")).isEqualTo("Alice");
            assertThat(alice.keys()).containsOnlyOnce("age");
        }
        Files.delete(db.resolve("users/alice/age"));
        try (Database d = Database.open(db)) {
            assertThat(d.node("users/alice").getInt("age")).isEqualTo(42);
        }
    }

    @Test
    void handMadeNamesOutsideTheEncodingStillRead() throws Exception {
        Path db = handMadeDatabase();
        Files.writeString(db.resolve("users/alice/100%"), "full\n");        // should have been 100%25
        Files.createDirectories(db.resolve("users/50% off"));                // not a canonical node name
        try (Database d = Database.open(db)) {
            Node alice = d.node("users/alice");
            assertThat(alice.getString("100%")).isEqualTo("full");
            alice.put("100%", "fuller");                                     // rewritten under its canonical name
            assertThat(Files.exists(db.resolve("users/alice/100%"))).isFalse();
            assertThat(Files.readString(db.resolve("users/alice/100%25"))).isEqualTo("fuller\n");
            assertThat(d.node("users").keys()).containsExactly("alice");
        }
    }

    @Test
    void editsMadeWhileClosedAreReadAfterOpening() throws Exception {
        Path db = dir.resolve("db");
        try (Database d = Database.open(db)) {
            d.node("users/bob").put("age", 30).put("name", "Bob");
        }
        Files.writeString(db.resolve("users/bob/age.int"), "31\n");
        Files.delete(db.resolve("users/bob/name"));
        Files.writeString(db.resolve("users/bob/email"), "bob@example.com\n");
        Files.move(db.resolve("users/bob"), db.resolve("users/robert"));
        try (Database d = Database.open(db)) {
            assertThat(d.node("users/robert").attributes()).isEqualTo(Map.of("age", 31, "email", "bob@example.com"));
            assertThat(d.node("users/bob").exists()).isFalse();
        }
    }

    @Test
    void aFileDeletedBehindTheCacheReadsAsAbsent() throws Exception {
        try (Database d = Database.open(handMadeDatabase())) {
            Node alice = d.node("users/alice");
            assertThat(alice.keys()).contains("notes.txt");
            Files.delete(d.path().resolve("users/alice/notes.txt"));
            assertThat(alice.getString("notes.txt")).isNull();
            assertThat(alice.getString("name")).isEqualTo("Alice");
        }
    }

    @Test
    void theFormatFileIsCheckedAndANonDatabaseIsNotTakenOver() throws Exception {
        Path db = handMadeDatabase();
        Files.writeString(db.resolve(".jdirs/format"), "jdirs format 2\n");
        assertThatThrownBy(() -> Database.open(db)).isInstanceOf(InvalidDataException.class)
                .hasMessage(".jdirs/format: the database is in format 2; this jdirs reads format 1");
        Files.writeString(db.resolve(".jdirs/format"), "hello\n");
        assertThatThrownBy(() -> Database.open(db)).isInstanceOf(InvalidDataException.class)
                .hasMessageStartingWith(".jdirs/format: \"hello\" is not a format line");

        Path plain = dir.resolve("plain");
        Files.createDirectories(plain.resolve("users/carol"));
        Files.writeString(plain.resolve("users/carol/name"), "Carol\n");
        assertThatThrownBy(() -> Database.open(plain)).isInstanceOf(JdirsException.class)
                .hasMessageContaining("is not a jdirs database");
        try (Database adopted = Database.init(plain, Options.defaults())) {
            assertThat(adopted.node("users/carol").getString("name")).isEqualTo("Carol");
        }
        assertThatThrownBy(() -> Database.init(plain, Options.defaults())).hasMessageContaining("is a jdirs database already");
        assertThat(Files.readString(plain.resolve(".jdirs/format"))).isEqualTo("jdirs format 1\n");
    }

    @Test
    void aStringFileNamedLikeAType() throws Exception {
        Path db = handMadeDatabase();
        Files.writeString(db.resolve("users/alice/example.com"), "a domain\n");
        try (Database d = Database.open(db)) {
            Node alice = d.node("users/alice");
            assertThat(alice.getString("example.com")).isEqualTo("a domain");
            alice.put("version.int", "a string whose key ends in .int");
            assertThat(Files.readString(db.resolve("users/alice/version.int.str"))).isEqualTo("a string whose key ends in .int\n");
            assertThat(alice.getString("version.int")).isEqualTo("a string whose key ends in .int");
            assertThat(alice.getString("version")).isNull();
        }
    }

    @Test
    void editsMadeWhileOpenAreSeenOnceTheCacheIsRevalidated() throws Exception {
        Path path = handMadeDatabase();
        try (Database db = Database.open(path, Options.defaults().revalidateAfter(0))) {
            Node alice = db.node("users/alice");
            assertThat(alice.getInt("age")).isEqualTo(42);
            Files.writeString(path.resolve("users/alice/age.int"), "43\n");                // same size, same second
            Files.writeString(path.resolve("users/alice/email"), "alice@example.com\n");
            assertThat(alice.getInt("age")).isEqualTo(43);
            assertThat(alice.keys()).contains("email");
        }
        try (Database db = Database.open(path, Options.defaults().revalidateAfter(150))) {
            Node alice = db.node("users/alice");
            assertThat(alice.getInt("age")).isEqualTo(43);
            Files.writeString(path.resolve("users/alice/age.int"), "44\n");
            Thread.sleep(300);
            assertThat(alice.getInt("age")).isEqualTo(44);
        }
    }

    @Test
    void aWriteNeverOverwritesAHandEditItsCacheMissed() throws Exception {
        Path path = handMadeDatabase();
        try (Database db = Database.open(path, Options.defaults().revalidateAfter(3_600_000))) {
            Node alice = db.node("users/alice");
            assertThat(alice.getInt("age")).isEqualTo(42);                                 // cached now
            Files.writeString(path.resolve("users/alice/age.int"), "50\n");                // edited by hand
            assertThat(alice.getInt("age")).isEqualTo(42);                                 // reads may lag...
            db.update(tx -> {
                Node a = tx.node("users/alice");
                a.put("age", a.getInt("age") + 1);
            });
            assertThat(Files.readString(path.resolve("users/alice/age.int"))).isEqualTo("51\n"); // ...writes never do
            assertThat(alice.getInt("age")).isEqualTo(51);

            Transaction tx = db.begin();
            int age = tx.node("users/alice").getInt("age");
            Files.writeString(path.resolve("users/alice/age.int"), "60\n");
            tx.node("users/alice").put("age", age + 1);
            assertThatThrownBy(tx::commit).isInstanceOf(ConflictException.class)
                    .hasMessage("users/alice/age.int: changed on disk outside jdirs since this transaction read it "
                            + "(a hand edit?); run it again");
            assertThat(Files.readString(path.resolve("users/alice/age.int"))).isEqualTo("60\n");
        }
    }

    @Test
    void aFileCreatedByHandInANodeAWriteListedIsNotLost() throws Exception {
        Path path = handMadeDatabase();
        try (Database db = Database.open(path, Options.defaults().revalidateAfter(3_600_000))) {
            Node alice = db.node("users/alice");
            Thread.sleep(20); // let the directory's stat age past the clock tick of the hand edit below
            List<String> before = alice.keys();
            Files.writeString(path.resolve("users/alice/nickname"), "Ali\n");
            db.update(tx -> {
                // copies every attribute it lists: the listing must include the hand-made file
                Node a = tx.node("users/alice");
                Node copy = tx.node("copies/alice");
                for (String k : a.keys()) {
                    copy.put(k, a.get(k));
                }
            });
            assertThat(before).doesNotContain("nickname");
            assertThat(db.node("copies/alice").getString("nickname")).isEqualTo("Ali");
        }
    }
}
