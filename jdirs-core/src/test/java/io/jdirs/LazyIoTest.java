package io.jdirs;

import io.jdirs.store.CountingFileLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches the disk, counted operation by operation (never timed). */
class LazyIoTest {
    @TempDir
    Path dir;

    private static void fill(Path path, int objects) {
        try (Database db = Database.open(path)) {
            db.update(tx -> {
                for (int i = 0; i < objects; i++) {
                    tx.node("users/u" + i).put("name", "user " + i).put("age", i % 90);
                }
            });
        }
    }

    @Test
    void openingReadsNoUserDataWhateverTheSize() {
        fill(dir.resolve("empty"), 0);
        fill(dir.resolve("big"), 3000);
        CountingFileLayer files = new CountingFileLayer();
        Database.open(dir.resolve("empty"), Options.defaults(), files, false).close();
        List<String> emptyOps = files.ops();
        files.reset();
        Database.open(dir.resolve("big"), Options.defaults(), files, false).close();
        assertThat(files.ops()).hasSameSizeAs(emptyOps).allMatch(op -> op.contains(".jdirs"));
        assertThat(emptyOps).hasSize(1); // read .jdirs/format
    }

    @Test
    void repeatedReadsAreServedFromTheCache() {
        fill(dir.resolve("db"), 10);
        CountingFileLayer files = new CountingFileLayer();
        try (Database db = Database.open(dir.resolve("db"), Options.defaults(), files, false)) {
            files.reset();
            assertThat(db.node("users/u7").getString("name")).isEqualTo("user 7");
            assertThat(files.count("read")).isEqualTo(1);
            assertThat(files.count("names")).isEqualTo(1); // the node's own directory, not users/
            files.reset();
            for (int i = 0; i < 100; i++) {
                assertThat(db.node("users/u7").getString("name")).isEqualTo("user 7");
                assertThat(db.node("users/u7").getInt("age")).isEqualTo(7);
            }
            assertThat(files.ops()).filteredOn(op -> !op.contains("age.int")).isEmpty();
            assertThat(files.count("read")).isEqualTo(1);
        }
    }

    @Test
    void writesKeepTheCacheCurrentSoReadsAfterWritesNeedNoIo() {
        fill(dir.resolve("db"), 10);
        CountingFileLayer files = new CountingFileLayer();
        try (Database db = Database.open(dir.resolve("db"), Options.defaults(), files, false)) {
            db.node("users/u1").getString("name");
            db.node("users/u1").put("name", "renamed");
            files.reset();
            assertThat(db.node("users/u1").getString("name")).isEqualTo("renamed");
            db.node("users/new").put("name", "fresh");
            files.reset();
            assertThat(db.node("users/new").getString("name")).isEqualTo("fresh");
            assertThat(db.node("users/new").keys()).containsExactly("name");
            assertThat(files.ops()).isEmpty();
        }
    }

    @Test
    void aLargeFolderIsNeverListedToReadOrCreateOneNode() throws Exception {
        // the same work on folders of 1,500 and 3,000 nodes (both past the size listed whole) costs the same
        assertThat(operationsOnOneNode(1500)).isEqualTo(operationsOnOneNode(3000));
    }

    @Test
    void changingOneNodeOfALargeFolderNeverListsIt() {
        Path path = dir.resolve("large");
        fill(path, 3000);
        CountingFileLayer files = new CountingFileLayer();
        try (Database db = Database.open(path, Options.defaults(), files, false)) {
            db.node("users/u42").put("age", 43);   // the first commit of the process, on an existing node
            db.node("users/u43").getString("name");
            db.update(tx -> tx.node("users/u44").put("age", 1).put("name", "x"));
            assertThat(files.ops()).noneMatch(op -> op.equals("names " + db.path().resolve("users")));
        }
    }

    @Test
    void creatingNodesInALargeFolderListsItOnceThoughItsFoldIndexIsAFairPartOfTheCache() {
        // the fold index of 3,000 names weighs about 100 KB, more than a sixteenth of a 1 MiB cache
        Path path = dir.resolve("large");
        fill(path, 3000);
        CountingFileLayer files = new CountingFileLayer();
        try (Database db = Database.open(path, Options.defaults().cacheSize(1 << 20), files, false)) {
            for (int i = 0; i < 50; i++) {
                db.node("users/new" + i).put("name", "new " + i);
            }
            assertThat(files.ops()).filteredOn(op -> op.equals("names " + db.path().resolve("users"))).hasSize(1);
        }
    }

    /** The file operations of reading, creating and changing single nodes in a folder of n nodes. */
    private List<String> operationsOnOneNode(int n) throws java.io.IOException {
        Path path = dir.resolve("db" + n);
        fill(path, n);
        // files changed in the last 2 seconds are checked by content, older ones by stat: make the files
        // read here old, so that the operations do not depend on how long fill took
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000);
        try (var files = java.nio.file.Files.list(path.resolve("users/u42"))) {
            for (Path f : files.toList()) {
                java.nio.file.Files.setLastModifiedTime(f, past);
            }
        }
        CountingFileLayer files = new CountingFileLayer();
        try (Database db = Database.open(path, Options.defaults(), files, false)) {
            Path users = db.path().resolve("users");
            db.node("users/u42").getString("name");
            assertThat(files.ops()).noneMatch(op -> op.equals("names " + users));
            db.node("users/u99999").put("name", "new");       // checks case collisions: one pass over users/
            db.node("users/u99998").put("name", "newer");     // and never again
            db.node("users/u42").put("age", 43);
            assertThat(files.ops()).filteredOn(op -> op.equals("names " + users)).hasSize(1);
            return files.ops().stream().map(op -> op.replace(path.toString(), "<db>")).toList();
        }
    }

    @Test
    void withoutACacheEveryReadGoesToDisk() {
        fill(dir.resolve("db"), 3);
        CountingFileLayer files = new CountingFileLayer();
        try (Database db = Database.open(dir.resolve("db"), Options.defaults().cacheSize(0), files, false)) {
            db.node("users/u1").getString("name");
            files.reset();
            db.node("users/u1").getString("name");
            assertThat(files.count("read")).isEqualTo(1);
        }
    }
}
