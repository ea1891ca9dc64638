package io.jdirs.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {
    @TempDir
    Path dir;

    @Test
    void javaRunsWithTheFlagsOfBinJdirs() throws Exception {
        Path script = dir.resolve("jdirs");
        Files.writeString(script, "#!/bin/sh\n    options=(-XX:TieredStopAtLevel=1 -Xshare:auto)\nexec java\n");
        assertThat(Command.launcherFlags(script)).containsExactly("-XX:TieredStopAtLevel=1", "-Xshare:auto");
        assertThat(Command.FLAGS).isNotEmpty();
        assertThat(Command.JDIRS_GET.shown()).startsWith("java " + String.join(" ", Command.FLAGS) + " ")
                .endsWith("-jar jdirs-cli/target/jdirs-cli.jar --db DB get users/ID/age");
        assertThat(Command.JDIRS_GET.line().apply(dir, "u7")).contains("--db", dir.toString(), "users/u7/age");
    }

    @Test
    void aLookupMustPrintTheAge() {
        Command.HELLO.run(dir, "u1", 42);
        assertThatThrownBy(() -> Command.LIMIT_GET.run(dir.resolve("none"), "u1", 42))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not \"42\"");
    }
}
