package io.jdirs;

import io.jdirs.format.Codec;
import io.jdirs.format.KeyCodec;
import io.jdirs.format.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random trees of hostile keys (full Unicode, reserved and dangerous names) and values of every type,
 * written through the API, then read back through the API after reopening and from the files alone.
 */
class RoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void randomKeysAndValuesRoundTripThroughTheApiAndTheFiles() {
        int[] run = {0};
        Props.check("round trip", 60, r -> roundTrip(r, tmp.resolve("db" + run[0]++)));
    }

    private static void roundTrip(Random r, Path path) {
        Map<String, Object> expected = new TreeMap<>();
        try (Database db = Database.open(path)) {
            db.update(tx -> fill(r, tx.root(), expected, 0));
        }
        try (Database db = Database.open(path)) {
            assertThat(readApi(db.root())).isEqualTo(expected);
            assertThat(SpecReader.read(path)).isEqualTo(expected);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Puts random keys into a node, recording what each should read back as. */
    private static void fill(Random r, Node node, Map<String, Object> expected, int depth) {
        Set<String> folds = new HashSet<>();
        for (int i = r.nextInt(8); i >= 0; i--) {
            String key = Gen.key(r);
            try {
                KeyCodec.encode(key + ".offsetdatetime");
            } catch (IllegalArgumentException tooLong) {
                continue;
            }
            if (!folds.add(KeyCodec.fold(key))) {
                continue; // refused by design: tested elsewhere
            }
            if (depth < 2 && r.nextInt(4) == 0) {
                Map<String, Object> child = new TreeMap<>();
                expected.put(key, child);
                node.child(key).create();
                fill(r, node.child(key), child, depth + 1);
            } else {
                Object v = Gen.value(r);
                node.put(key, v);
                expected.put(key, text(Codec.encode(v)));
            }
        }
    }

    private static Map<String, Object> readApi(Node node) {
        Map<String, Object> out = new TreeMap<>();
        for (String key : node.keys()) {
            out.put(key, node.type(key) == Type.NODE ? readApi(node.child(key)) : text(Codec.encode(node.get(key))));
        }
        return out;
    }

    private static String text(Value v) {
        return SpecReader.leaf(v.type().suffix(), v.bytes());
    }
}
