package io.jdirs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queries through the API: every operator, types, order, paging, projection, subtrees, counts, transactions. */
class QueryTest {
    @TempDir
    Path dir;
    Database db;
    Node users;

    record User(String name, String email, int age, double score, boolean active, Instant created, List<String> tags) {
    }

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("db"));
        users = db.node("users");
        db.update(tx -> {
            Node u = tx.node("users");
            u.put("alice", new User("Alice", "alice@example.com", 42, 97.5, true, Instant.parse("2026-01-10T10:00:00Z"), List.of("admin", "ops")));
            u.put("bob", new User("Bob", "bob@example.org", 35, 61.0, false, Instant.parse("2026-03-01T08:30:00Z"), List.of("ops")));
            u.put("carol", new User("Carol", "carol@example.com", 51, 88.25, true, Instant.parse("2025-12-24T18:00:00Z"), List.of()));
            u.put("dave", new User("dave", "dave@example.net", 18, 12.0, true, Instant.parse("2026-06-30T00:00:00Z"), List.of("Admin")));
            u.node("erin").put("name", "Erin").put("age", 29L); // a long, no other attributes
            u.node("frank").put("name", "Frank").put("age", "forty-ish"); // a string where others have numbers
            u.put("note", "users is also an attribute holder"); // an attribute of the folder: not a node
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<String> keys(String query) {
        List<String> out = new ArrayList<>();
        users.find(query).forEach(n -> out.add(n.key()));
        return out;
    }

    @Test
    void comparisonsFollowTheAttributesType() {
        assertThat(keys("age > 30")).containsExactly("alice", "bob", "carol");
        assertThat(keys("age >= 35 and age <= 42")).containsExactly("alice", "bob");
        assertThat(keys("age = 29")).containsExactly("erin"); // a long equals an int literal
        assertThat(keys("age < 30")).containsExactly("dave", "erin");
        assertThat(keys("age between 18 and 29")).containsExactly("dave", "erin");
        assertThat(keys("age in (18, 51, 99)")).containsExactly("carol", "dave");
        assertThat(keys("age != 42")).containsExactly("bob", "carol", "dave", "erin", "frank");
        assertThat(keys("age = \"forty-ish\"")).containsExactly("frank"); // a string compares as a string
        assertThat(keys("score > 60.5")).containsExactly("alice", "bob", "carol");
        assertThat(keys("active = true")).containsExactly("alice", "carol", "dave");
        assertThat(keys("active = false or active missing")).containsExactly("bob", "erin", "frank");
        assertThat(keys("created >= 2026-01-01")).containsExactly("alice", "bob", "dave"); // a date read as an instant
        assertThat(keys("created < \"2026-01-10T10:00:00Z\"")).containsExactly("carol");
        assertThat(keys("name > \"C\"")).containsExactly("carol", "dave", "erin", "frank"); // code point order: "dave" > "C"
    }

    @Test
    void stringConditionsAndLists() {
        assertThat(keys("name starts with \"Ca\"")).containsExactly("carol");
        assertThat(keys("name starts with \"d\" ignore case")).containsExactly("dave");
        assertThat(keys("email contains \"example.com\"")).containsExactly("alice", "carol");
        assertThat(keys("email contains \"EXAMPLE.ORG\" ignore case")).containsExactly("bob");
        assertThat(keys("tags contains \"ops\"")).containsExactly("alice", "bob");
        assertThat(keys("tags contains \"admin\" ignore case")).containsExactly("alice", "dave");
        assertThat(keys("tags exists and not tags contains \"ops\"")).containsExactly("carol", "dave");
        assertThat(keys("email missing")).containsExactly("erin", "frank");
        assertThat(keys("@key starts with \"d\" or @key = \"erin\"")).containsExactly("dave", "erin");
    }

    @Test
    void resultsAreOrderedPagedAndProjected() {
        assertThat(keys("age exists order by age desc")).containsExactly("frank", "carol", "alice", "bob", "erin", "dave");
        assertThat(keys("order by active, name")).containsExactly("erin", "frank", "bob", "alice", "carol", "dave");
        assertThat(keys("active = true order by score limit 2")).containsExactly("dave", "carol");
        assertThat(keys("order by @key desc limit 2 offset 1")).containsExactly("erin", "dave");

        Query page = Query.parse("select name, age where age exists order by name limit 2");
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Results r = users.find(page.after(cursor));
            r.forEach(n -> seen.add(n.key()));
            assertThat(r.rows()).allSatisfy(row -> assertThat(row).containsOnlyKeys("name", "age"));
            cursor = r.cursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("alice", "bob", "carol", "erin", "frank", "dave"); // code points: "dave" after "Frank"

        Results one = users.find("select name, email, phone where @key = \"erin\"");
        assertThat(one.rows().get(0)).containsEntry("name", "Erin").containsEntry("email", null).containsEntry("phone", null);
        Map<String, Object> all = users.find("@key = \"bob\"").rows().get(0);
        assertThat(all).containsEntry("age", 35).containsEntry("active", false).containsEntry("tags", List.of("ops"));
        assertThat(users.find(Query.parse("age > 30 order by name"), User.class)).extracting(User::name)
                .containsExactly("Alice", "Bob", "Carol");
    }

    @Test
    void countsAndSubtrees() {
        assertThat(users.count("age > 30")).isEqualTo(3);
        assertThat(users.count("")).isEqualTo(6);
        assertThat(users.count("age > 30 limit 1")).isEqualTo(3); // limits do not count
        db.node("users/alice/address").put("city", "Paris");
        db.node("users/bob/address").put("city", "Lyon");
        db.node("users/bob/address/geo").put("city", "Lyon");
        assertThat(keys("address/city = \"Paris\"")).containsExactly("alice");
        Results deep = users.find(Query.parse("city = \"Lyon\"").subtree(true));
        assertThat(deep.nodes()).extracting(Node::path).containsExactly("users/bob/address", "users/bob/address/geo");
        assertThat(users.count(Query.parse("city exists").subtree(true))).isEqualTo(3);
        assertThat(db.root().count(Query.all().subtree(true))).isEqualTo(10); // users, its 6 nodes, 3 addresses
    }

    @Test
    void queriesSeeTheirTransactionsStateAndOneSnapshot() {
        db.update(tx -> {
            Node u = tx.node("users");
            u.node("alice").put("age", 20);
            u.node("zoe").put("age", 70);
            u.remove("carol");
            assertThat(u.find("age > 30").nodes()).extracting(Node::key).containsExactly("bob", "zoe");
            assertThat(u.count("age > 30")).isEqualTo(2);
        });
        assertThat(keys("age > 30")).containsExactly("bob", "zoe");
        try (Transaction tx = db.begin()) {
            tx.node("users/bob").put("age", 10);
            assertThat(users.count("age > 30")).isEqualTo(2); // not committed: others do not see it
            tx.rollback();
        }
    }

    @Test
    void badDataIsReportedNotSkipped() throws Exception {
        Files.writeString(dir.resolve("db/users/bob/age.int"), "thirty\n");
        db.close();
        db = Database.open(dir.resolve("db"));
        assertThatThrownBy(() -> db.node("users").find("age > 30"))
                .isInstanceOf(InvalidDataException.class)
                .hasMessage("users/bob/age.int: \"thirty\" is not an int");
    }

    @Test
    void explainSaysHowAQueryRuns() {
        assertThat(users.explain("age > 30")).startsWith("visit the children of users: there is no index on users");
        assertThat(users.explain(Query.all().subtree(true))).startsWith("visit every node under users");
    }

    @Test
    void badQueriesAreRefusedWithThePosition() {
        assertThatThrownBy(() -> Query.parse("age > > 3")).isInstanceOf(QuerySyntaxException.class)
                .hasMessage("at 6 in the query \"age > > 3\": expected a value (a number, a string in quotes, true, false, "
                        + "a date), found \">\"");
        assertThatThrownBy(() -> Query.parse("name = Alice")).hasMessageContaining("strings are written in quotes: \"Alice\"");
        assertThatThrownBy(() -> Query.parse("age > 3 order age")).hasMessageContaining("at 14").hasMessageContaining("expected \"by\"");
        assertThatThrownBy(() -> Query.parse("where order > 3")).hasMessageContaining("`order`");
        assertThatThrownBy(() -> users.find("age > 3 after \"nonsense\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a cursor");
    }
}
