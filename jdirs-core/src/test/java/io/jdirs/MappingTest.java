package io.jdirs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappingTest {
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

    enum Role { ADMIN, USER }

    record Address(String city, String zip) {
    }

    record Item(String sku, int qty) {
    }

    record User(String name, String email, int age, double score, boolean active, Instant created,
                LocalDate birthday, BigDecimal balance, UUID id, Role role, byte[] avatar,
                List<String> tags, Set<Integer> lucky, Map<String, Integer> counts, List<Item> items,
                Address address) {
    }

    static class Account {               // fields only, private, no accessors
        private String owner;
        private long cents = 100;         // default kept when the file is absent
        private Address address;
        private transient String cache = "not stored";
    }

    static class Bean {                  // getters and setters are used when both exist
        private String name;
        private int calls;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.calls++;
            this.name = name;
        }

        int calls() {
            return calls;
        }
    }

    static class Base {
        protected String kind = "base";
    }

    static class Derived extends Base {
        private int level;
    }

    record Renamed(@Key("full name") String fullName, @Skip String secret, int version) {
    }

    static class NoDefaultConstructor {
        final String x;

        NoDefaultConstructor(String x) {
            this.x = x;
        }
    }

    static class Cyclic {
        Cyclic next;
    }

    private static User alice() {
        return new User("Alice", "alice@example.com", 42, 97.5, true, Instant.parse("2026-11-22T10:00:00Z"),
                LocalDate.of(1984, 2, 29), new BigDecimal("10.50"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
                Role.ADMIN, new byte[] {1, 2, 3}, List.of("a", "b"), Set.of(7, 3), Map.of("x", 1),
                List.of(new Item("p1", 2)), new Address("Paris", "75001"));
    }

    @Test
    void aRecordRoundTripsAndIsStoredAsPlainFiles() throws Exception {
        db.node("users").put("alice", alice());
        User back = db.node("users/alice").read(User.class);
        assertThat(back).usingRecursiveComparison().isEqualTo(alice());
        assertThat(db.node("users").get("alice", User.class)).usingRecursiveComparison().isEqualTo(alice());

        Path files = dir.resolve("db/users/alice");
        try (Stream<Path> list = Files.list(files)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
                    "name", "email", "age.int", "score.double", "active.bool", "created.instant", "birthday.date",
                    "balance.decimal", "id.uuid", "role", "avatar.bin", "tags.json", "lucky.json", "counts.json",
                    "items.json", "address");
        }
        assertThat(Files.readString(files.resolve("role"))).isEqualTo("ADMIN\n");
        assertThat(Files.readString(files.resolve("address/city"))).isEqualTo("Paris\n");
        assertThat(Files.readString(files.resolve("lucky.json"))).isEqualTo("[\n  3,\n  7\n]\n");
        assertThat(Files.readString(files.resolve("items.json"))).isEqualTo("[\n  {\n    \"sku\": \"p1\",\n    \"qty\": 2\n  }\n]\n");
    }

    @Test
    void pojoFieldsAreMappedAndAbsentKeysKeepTheirDefaults() {
        Account a = new Account();
        a.owner = "Bob";
        a.address = new Address("Oslo", "0150");
        db.node("acc").write(a);
        assertThat(db.node("acc").keys()).containsExactly("address", "cents", "owner");
        db.node("acc").remove("cents");
        Account back = db.node("acc").read(Account.class);
        assertThat(back.owner).isEqualTo("Bob");
        assertThat(back.cents).isEqualTo(100);
        assertThat(back.address).isEqualTo(new Address("Oslo", "0150"));
        assertThat(back.cache).isEqualTo("not stored");
    }

    @Test
    void gettersAndSettersAreUsedWhenBothExist() {
        Bean b = new Bean();
        b.setName("n");
        db.node("b").write(b);
        Bean back = db.node("b").read(Bean.class);
        assertThat(back.getName()).isEqualTo("n");
        assertThat(back.calls()).isEqualTo(1);
        assertThat(db.node("b").keys()).containsExactly("calls", "name");
    }

    @Test
    void inheritedFieldsAreMapped() {
        Derived d = new Derived();
        d.kind = "derived";
        d.level = 3;
        db.node("d").write(d);
        Derived back = db.node("d").read(Derived.class);
        assertThat(back.kind).isEqualTo("derived");
        assertThat(back.level).isEqualTo(3);
    }

    @Test
    void annotationsRenameAndSkip() throws Exception {
        db.node("r").write(new Renamed("Ann Lee", "hunter2", 1));
        assertThat(db.node("r").keys()).containsExactly("full name", "version");
        assertThat(Files.readString(dir.resolve("db/r/full name"))).isEqualTo("Ann Lee\n");
        assertThat(db.node("r").read(Renamed.class)).isEqualTo(new Renamed("Ann Lee", null, 1));
    }

    @Test
    void keysTheClassDoesNotKnowAreLeftAloneAndNullFieldsRemoveTheirKey() {
        db.node("users/alice").put("legacy", "keep me").put("email", "old@example.com");
        db.node("users/alice").write(new Address(null, "75001"));
        assertThat(db.node("users/alice").attributes()).isEqualTo(Map.of("legacy", "keep me", "email", "old@example.com", "zip", "75001"));
        db.node("users/alice").put("city", "Paris");
        db.node("users/alice").write(new Address(null, "75002"));
        assertThat(db.node("users/alice").has("city")).isFalse();
    }

    @Test
    void classesEvolveWithoutMigration() {
        db.node("x").put("name", "Zed").put("removedField", 1);           // written by an older version
        Address a = db.node("x").read(Address.class);                     // knows city and zip only
        assertThat(a).isEqualTo(new Address(null, null));
        record V2(String name, int added, List<String> more) {
        }
        assertThat(db.node("x").read(V2.class)).isEqualTo(new V2("Zed", 0, null));
    }

    @Test
    void handEditedValuesAreValidatedWhenMapped() throws Exception {
        db.node("users").put("alice", alice());
        Files.writeString(dir.resolve("db/users/alice/age.int"), "forty\n");
        db.close();
        db = Database.open(dir.resolve("db"));
        assertThatThrownBy(() -> db.node("users/alice").read(User.class)).isInstanceOf(InvalidDataException.class)
                .hasMessage("users/alice/age.int: \"forty\" is not an int");
        Files.writeString(dir.resolve("db/users/alice/age.int"), "43\n");
        db.close();
        db = Database.open(dir.resolve("db"));
        assertThat(db.node("users/alice").read(User.class).age()).isEqualTo(43);
    }

    @Test
    void writingUnchangedValuesWritesNoFiles() throws Exception {
        db.node("users").put("alice", alice());
        Path age = dir.resolve("db/users/alice/age.int");
        Object inode = Files.readAttributes(age, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        db.node("users").put("alice", alice());
        assertThat(Files.readAttributes(age, java.nio.file.attribute.BasicFileAttributes.class).fileKey()).isEqualTo(inode);
    }

    @Test
    void unmappableClassesAreRefusedClearly() {
        db.node("n").write(new NoDefaultConstructor("x"));                  // writing needs no constructor
        assertThat(db.node("n").getString("x")).isEqualTo("x");
        assertThatThrownBy(() -> db.node("n").read(NoDefaultConstructor.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no no-argument constructor");
        Cyclic c = new Cyclic();
        c.next = c;
        assertThatThrownBy(() -> db.node("c").write(c)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cyclic");
        assertThat(db.node("c").exists()).isFalse();
        assertThatThrownBy(() -> db.node("n").write("a string")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.node("n").write(new ArrayList<>())).isInstanceOf(IllegalArgumentException.class);
    }
}
