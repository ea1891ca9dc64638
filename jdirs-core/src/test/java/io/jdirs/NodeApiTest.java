package io.jdirs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeApiTest {
    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void attributesAreTypedFilesAndReadBackTyped() throws Exception {
        Node alice = db.node("users/alice").put("name", "Alice").put("age", 42).put("score", 97.5)
                .put("active", true).put("created", Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(alice.getString("name")).isEqualTo("Alice");
        assertThat(alice.getInt("age")).isEqualTo(42);
        assertThat(alice.getLong("age")).isEqualTo(42L);
        assertThat(alice.getDouble("score")).isEqualTo(97.5);
        assertThat(alice.getBoolean("active")).isTrue();
        assertThat(alice.get("created")).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(alice.get("age", BigDecimal.class)).isEqualTo(BigDecimal.valueOf(42));
        assertThat(alice.type("age")).isEqualTo(Type.INT);
        Path files = dir.resolve("db/users/alice");
        assertThat(Files.readString(files.resolve("name"))).isEqualTo("Alice\n");
        assertThat(Files.readString(files.resolve("age.int"))).isEqualTo("42\n");
        assertThat(Files.readString(files.resolve("created.instant"))).isEqualTo("2026-11-22T10:00:00Z\n");
    }

    @Test
    void absentKeysReadAsNullAndNodesNeedNotExist() {
        Node ghost = db.node("nobody/here");
        assertThat(ghost.exists()).isFalse();
        assertThat(ghost.getInt("age")).isNull();
        assertThat(ghost.keys()).isEmpty();
        assertThat(ghost.read(Object.class)).isNull();
        assertThat(ghost.remove("age")).isFalse();
        assertThat(ghost.delete()).isFalse();
        assertThat(db.root().exists()).isTrue();
    }

    @Test
    void puttingNullRemovesAndChangingTypeReplacesTheFile() throws Exception {
        Node n = db.node("n").put("v", 1);
        n.put("v", "one");
        assertThat(n.type("v")).isEqualTo(Type.STRING);
        try (var files = Files.list(dir.resolve("db/n"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("v");
        }
        n.put("v", null);
        assertThat(n.has("v")).isFalse();
        assertThat(n.exists()).isTrue();
    }

    @Test
    void keysAreListedInCodePointOrder() {
        Node n = db.node("n");
        for (String k : List.of("b", "a", "C", "\uffff", "\ud83d\ude00", "a b", "10", "9")) {
            n.put(k, 1);
        }
        assertThat(n.keys()).containsExactly("10", "9", "C", "a", "a b", "b", "\uffff", "\ud83d\ude00");
    }

    @Test
    void childrenAndAttributesAreSeparatedAndSorted() {
        Node n = db.node("n").put("z", 1).put("a", "x");
        n.child("m").put("v", 1);
        n.child("c").create();
        assertThat(n.children()).extracting(Node::key).containsExactly("c", "m");
        assertThat(n.attributes()).isEqualTo(Map.of("a", "x", "z", 1));
        assertThat(n.attributes().keySet()).containsExactly("a", "z");
        assertThat(n.type("m")).isEqualTo(Type.NODE);
        assertThat(n.get("m")).isEqualTo(n.child("m"));
    }

    @Test
    void removingANodeRemovesEverythingUnderIt() {
        db.node("a/b/c").put("v", 1);
        db.node("a/b").put("w", 2);
        assertThat(db.node("a").remove("b")).isTrue();
        assertThat(db.node("a/b").exists()).isFalse();
        assertThat(db.node("a/b/c").getInt("v")).isNull();
        assertThat(db.node("a").exists()).isTrue();
        assertThat(Files.exists(dir.resolve("db/a/b"))).isFalse();
        assertThat(db.node("a").delete()).isTrue();
        assertThat(db.root().keys()).isEmpty();
    }

    @Test
    void aKeyNamesAnAttributeOrANodeNeverBoth() {
        db.node("n").put("x", 1);
        db.node("n/y").create();
        assertThatThrownBy(() -> db.node("n/x").put("v", 1)).isInstanceOf(JdirsException.class)
                .hasMessage("n/x.int: is an attribute, not a node");
        assertThatThrownBy(() -> db.node("n").put("y", 1)).isInstanceOf(JdirsException.class)
                .hasMessageStartingWith("n/y: is a node, not an attribute");
        assertThatThrownBy(() -> db.node("n").getInt("y")).isInstanceOf(InvalidDataException.class)
                .hasMessage("n/y: is a node, not an attribute");
    }

    @Test
    void keysDifferingOnlyInCaseAreRefusedUnlessTheOtherGoes() {
        db.node("users/Alice").put("v", 1);
        assertThatThrownBy(() -> db.node("users/alice").put("v", 2))
                .hasMessageContaining("users/alice: differs only in case").hasMessageContaining("\"Alice\"");
        db.node("n").put("Name", "x");
        assertThatThrownBy(() -> db.node("n").put("NAME", "y")).hasMessageContaining("\"Name\"");
        assertThatThrownBy(() -> db.node("n").put("stra\u00dfe", 1).put("STRASSE", 2)).hasMessageContaining("differs only in case");
        db.update(tx -> {
            tx.node("users").remove("Alice");
            tx.node("users/alice").put("v", 3);
        });
        assertThat(db.node("users").keys()).containsExactly("alice");
        assertThatThrownBy(() -> db.update(tx -> tx.node("m").put("k", 1).put("K", 2))).hasMessageContaining("differs only in case");
    }

    @Test
    void nodesMoveAndRenameWithEverythingUnderThem() {
        db.node("a/x").put("v", 1);
        db.node("a/x/deep").put("w", 2);
        Node moved = db.node("a/x").moveTo(db.node("b/y"));
        assertThat(moved.getInt("v")).isEqualTo(1);
        assertThat(db.node("b/y/deep").getInt("w")).isEqualTo(2);
        assertThat(db.node("a/x").exists()).isFalse();
        assertThat(Files.exists(dir.resolve("db/a/x"))).isFalse();
        Node renamed = moved.rename("z");
        assertThat(renamed.path()).isEqualTo("b/z");
        assertThat(db.node("b").keys()).containsExactly("z");
        assertThatThrownBy(() -> db.node("b/z").moveTo(db.node("b/z/inner"))).isInstanceOf(IllegalArgumentException.class);
        db.node("c").put("v", 1);
        assertThatThrownBy(() -> db.node("b/z").moveTo(db.node("c"))).hasMessage("c: exists already");
        assertThatThrownBy(() -> db.node("nope").moveTo(db.node("d"))).hasMessage("nope: does not exist");
        Path staging = dir.resolve("db/.jdirs/staging");
        assertThat(Files.exists(staging) ? staging.toFile().list() : new String[0]).isEmpty();
    }

    @Test
    void movesInsideATransactionComposeWithOtherChanges() {
        db.node("a").put("v", 1);
        db.node("b").put("w", 2);
        db.update(tx -> {
            tx.node("a").moveTo(tx.node("tmp"));      // swap a and b through tmp
            tx.node("b").moveTo(tx.node("a"));
            tx.node("tmp").moveTo(tx.node("b"));
            tx.node("a").put("x", 3);
            tx.node("new/child").put("v", 4);
            tx.node("new").moveTo(tx.node("n2"));
        });
        assertThat(db.node("a").attributes()).isEqualTo(Map.of("w", 2, "x", 3));
        assertThat(db.node("b").attributes()).isEqualTo(Map.of("v", 1));
        assertThat(db.node("n2/child").getInt("v")).isEqualTo(4);
        assertThat(db.root().keys()).containsExactly("a", "b", "n2");
    }

    @Test
    void aRemovedNodeCanBeReplacedInTheSameTransaction() {
        db.node("a").put("old", 1);
        db.update(tx -> {
            tx.root().remove("a");
            tx.node("a").put("new", 2);
        });
        assertThat(db.node("a").attributes()).isEqualTo(Map.of("new", 2));
    }

    @Test
    void slashPathsSplitKeysAndChildTakesAnyKey() {
        db.node("/a/b/").put("v", 1);
        assertThat(db.node("a").child("b").getInt("v")).isEqualTo(1);
        db.root().child("x/y").put("v", 2);
        assertThat(db.root().keys()).containsExactly("a", "x/y");
        assertThat(Files.exists(dir.resolve("db/x%2Fy/v.int"))).isTrue();
        assertThatThrownBy(() -> db.node("a//b")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty key");
        assertThatThrownBy(() -> db.root().child("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void transactionsReturnValuesAndApplyAllOrNothing() {
        int total = db.write(tx -> {
            tx.node("acc/a").put("balance", 60);
            tx.node("acc/b").put("balance", 40);
            return tx.node("acc/a").getInt("balance") + tx.node("acc/b").getInt("balance");
        });
        assertThat(total).isEqualTo(100);
        assertThatThrownBy(() -> db.update(tx -> {
            tx.node("acc/a").put("balance", 0);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(db.node("acc/a").getInt("balance")).isEqualTo(60);
        Integer b = db.read(tx -> tx.node("acc/b").getInt("balance"));
        assertThat(b).isEqualTo(40);
    }

    @Test
    void uncommittedChangesAreSeenOnlyByTheirTransaction() {
        try (Transaction tx = db.begin()) {
            tx.node("n").put("v", 1);
            assertThat(tx.node("n").getInt("v")).isEqualTo(1);
            assertThat(db.node("n").exists()).isFalse();
            tx.commit();
            assertThat(tx.isActive()).isFalse();
        }
        assertThat(db.node("n").getInt("v")).isEqualTo(1);
        try (Transaction tx = db.begin()) {
            tx.node("n").put("v", 2);
        } // closed without commit: rolled back
        assertThat(db.node("n").getInt("v")).isEqualTo(1);
    }

    @Test
    void endedTransactionsAndClosedDatabasesRefuseWork() {
        Transaction tx = db.begin();
        Node n = tx.node("n");
        tx.rollback();
        assertThatThrownBy(() -> n.put("v", 1)).isInstanceOf(ClosedException.class).hasMessageContaining("transaction has ended");
        assertThatThrownBy(() -> db.read(t -> t.node("n").put("v", 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read-only");
        db.close();
        assertThatThrownBy(() -> db.node("n").getInt("v")).isInstanceOf(ClosedException.class).hasMessageContaining("closed");
    }

    @Test
    void valuesOfEveryKindAreStoredAsExpected() throws Exception {
        Node n = db.node("n").put("tags", List.of("a", "b")).put("map", Map.of("k", 1)).put("bytes", new byte[] {0, 1, 2})
                .put("char", 'c').put("short", (short) 7).put("float", 1.5f).put("dec", new BigDecimal("1.50"));
        assertThat(n.get("tags")).isEqualTo(List.of("a", "b"));
        assertThat(n.get("map")).isEqualTo(Map.of("k", 1));
        assertThat(n.get("bytes")).isEqualTo(new byte[] {0, 1, 2});
        assertThat(n.get("char", char.class)).isEqualTo('c');
        assertThat(n.get("short", short.class)).isEqualTo((short) 7);
        assertThat(n.get("float", float.class)).isEqualTo(1.5f);
        assertThat(n.get("dec")).isEqualTo(new BigDecimal("1.50"));
        assertThat(Files.readAllBytes(dir.resolve("db/n/bytes.bin"))).containsExactly(0, 1, 2);
        assertThat(Files.readString(dir.resolve("db/n/tags.json"))).isEqualTo("[\n  \"a\",\n  \"b\"\n]\n");
        assertThatThrownBy(() -> n.put("node", db.node("x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesReadAndWriteTheTextOfTheirValues() {
        assertThat(Type.INT.parse(" 42\n")).isEqualTo(42);
        assertThat(Type.STRING.parse(" a\n")).isEqualTo(" a\n");
        assertThat(Type.INSTANT.parse("2026-11-22T11:00:00+01:00")).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(Type.JSON.parse("[1, \"a\"]")).isEqualTo(List.of(1, "a"));
        assertThatThrownBy(() -> Type.INT.parse("forty")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"forty\" is not an int");
        assertThatThrownBy(() -> Type.BYTES.parse("x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Type.DOUBLE.format(97.5)).isEqualTo("97.5");
        assertThat(Type.LONG.format(42)).isEqualTo("42");
        assertThat(Type.DATE.format("2026-11-22")).isEqualTo("2026-11-22");
        assertThat(Type.STRING.format(42)).isEqualTo("42");
        assertThat(Type.JSON.format(List.of(1))).isEqualTo("[\n  1\n]");
        assertThatThrownBy(() -> Type.INT.format(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("1.5 does not fit exactly in an int");
    }

    @Test
    void jsonTreesAreJsonAttributes() throws Exception {
        db.root().put("word", tools.jackson.databind.json.JsonMapper.builder().build().readTree("\"hello\""));
        assertThat(db.root().type("word")).isEqualTo(Type.JSON);
        assertThat(Files.readString(dir.resolve("db/word.json"))).isEqualTo("\"hello\"\n");
        assertThat(db.root().get("word")).isEqualTo("hello");
    }

    @Test
    void commitsAreNumberedOneMoreEach() {
        long before = db.lastCommit();
        db.node("a").put("x", 1);
        db.update(tx -> tx.node("a").put("y", 2).put("z", 3));
        assertThat(db.lastCommit()).isEqualTo(before + 2);
    }
}
