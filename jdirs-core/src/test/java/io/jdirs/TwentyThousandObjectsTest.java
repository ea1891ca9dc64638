package io.jdirs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The size pydirs served: 20,000 objects with 6 attributes each, written, reopened and read back. */
class TwentyThousandObjectsTest {
    static final int OBJECTS = 20_000;

    record Person(String name, String email, int age, double score, boolean active, Instant created) {
    }

    static Person person(int i) {
        Random r = new Random(i);
        return new Person("User " + i, "user" + i + "@example.com", 18 + r.nextInt(73), r.nextInt(10000) / 100.0,
                r.nextBoolean(), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(r.nextInt(30_000_000)));
    }

    static String key(int i) {
        return String.format("u%05d", i);
    }

    @Test
    void twentyThousandObjectsRoundTrip(@TempDir Path dir) throws Exception {
        Path path = dir.resolve("db");
        try (Database db = Database.open(path)) {
            for (int batch = 0; batch < OBJECTS; batch += 1000) {
                int from = batch;
                db.update(tx -> {
                    Node users = tx.node("users");
                    for (int i = from; i < from + 1000; i++) {
                        users.put(key(i), person(i));
                    }
                });
            }
        }
        try (Database db = Database.open(path)) {
            List<Node> users = db.node("users").children();
            assertThat(users).hasSize(OBJECTS);
            for (int i = 0; i < OBJECTS; i++) {
                Node n = users.get(i);
                assertThat(n.key()).isEqualTo(key(i));
                assertThat(n.read(Person.class)).isEqualTo(person(i));
            }
            db.update(tx -> tx.node("users/" + key(123)).put("age", 99));
            assertThat(db.node("users/" + key(123)).getInt("age")).isEqualTo(99);
        }
        Path alice = path.resolve("users/" + key(7));
        assertThat(Files.readString(alice.resolve("email"))).isEqualTo("user7@example.com\n");
        assertThat(Files.readString(alice.resolve("age.int"))).isEqualTo(person(7).age() + "\n");
        try (var files = Files.list(alice)) {
            assertThat(files.count()).isEqualTo(6);
        }
    }
}
