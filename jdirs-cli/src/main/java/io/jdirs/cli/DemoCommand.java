package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

final class DemoCommand extends Command {
    private static final int BATCH = 1000;
    private static final String[] FIRST = {"Alice", "Bruno", "Chloe", "David", "Emma", "Farid", "Grace", "Hugo", "Ines",
        "Jonas", "Karin", "Liam", "Mona", "Nils", "Olga", "Pablo", "Rosa", "Sven", "Tara", "Yusuf"};
    private static final String[] LAST = {"Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Garcia", "Novak",
        "Jansen", "Rossi", "Weber", "Silva", "Kowal", "Haddad", "Berg", "Costa", "Meyer"};
    /** 2020-01-01T00:00:00Z, and six years of seconds after it: the range of created. */
    private static final long EPOCH = 1_577_836_800L;
    private static final int SPAN = 6 * 365 * 24 * 3600;

    private final PositionalParamSpec dirParameter = add(parameter("DIR", "Where to create it."));
    private final OptionSpec objectsOption = add(OptionSpec.builder("--objects").paramLabel("N").type(int.class)
            .defaultValue("20000").description("How many users (default: ${DEFAULT-VALUE})."));
    private final OptionSpec seedOption = add(OptionSpec.builder("--seed").paramLabel("S").type(long.class)
            .defaultValue("42").description("Seed of the random values (default: ${DEFAULT-VALUE})."));

    private record User(String key, String name, String email, int age, double score, boolean active, Instant created) {
    }

    DemoCommand(Main main) {
        super(main, "demo", new String[]{"Creates a demo database in DIR (missing or empty): N users under users/, keyed "
                + "u00000, u00001, ... (5 digits, more past 99,999), each with name, email, age (int, 18-90), score (double), "
                + "active (bool) and created (instant).",
                "The same seed gives the same database."},
                "jdirs demo /tmp/demo && jdirs --db /tmp/demo get users/u00042");
    }

    @Override
    public Integer call() {
        Path dir = Path.of((String) dirParameter.getValue());
        int objects = objectsOption.getValue();
        long seed = seedOption.getValue();
        if (objects < 0) {
            throw Failure.usage("--objects must be 0 or more, was " + objects);
        }
        if (!isEmptyOrMissing(dir)) {
            throw Failure.usage(dir + ": exists and is not empty; demo creates a new database");
        }
        Random random = new Random(seed);
        try (Database db = Database.open(dir, main.settings()); Progress progress = new Progress(main, "demo", objects)) {
            for (int start = 0; start < objects; start += BATCH) {
                List<User> batch = new ArrayList<>();
                for (int i = start; i < Math.min(objects, start + BATCH); i++) {
                    batch.add(user(key(i, objects), random));
                }
                db.update(tx -> {
                    Node users = tx.node("users");
                    for (User u : batch) {
                        users.child(u.key()).put("name", u.name()).put("email", u.email()).put("age", u.age())
                                .put("score", u.score()).put("active", u.active()).put("created", u.created());
                    }
                });
                progress.step(batch.size());
            }
        }
        return 0;
    }

    /** The key of user {@code i} of {@code objects}: u and 5 digits, more when needed, so that keys sort as numbers. */
    static String key(int i, int objects) {
        String digits = Integer.toString(i);
        return "u" + "0".repeat(Math.max(5, Integer.toString(Math.max(0, objects - 1)).length()) - digits.length()) + digits;
    }

    private static User user(String key, Random random) {
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        return new User(key, first + " " + last, first.toLowerCase() + random.nextInt(1000) + "@example.com",
                18 + random.nextInt(73), random.nextInt(10_001) / 100.0, random.nextInt(10) < 8,
                Instant.ofEpochSecond(EPOCH + random.nextInt(SPAN)));
    }

    private static boolean isEmptyOrMissing(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
