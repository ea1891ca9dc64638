package io.jdirs.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** jdirs as real processes, as scripts run it: exit codes, stdin and stdout, and many processes at once. */
class ProcessTest {
    private static final int PROCESSES = 8;
    private static final int INCREMENTS = 4;

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
    }

    private static ProcessBuilder jdirs(Path cwd, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "io.jdirs.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("JDIRS_DB");
        return pb;
    }

    private static Run run(Path cwd, String stdin, String... args) throws Exception {
        Process p = jdirs(cwd, args).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    @Test
    void commandsRunAsProcesses() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(run(tmp, "", "init", "db").code()).isZero();
        assertThat(run(tmp, "", "--db", "db", "set", "users/alice/name", "Zoë").code()).isZero();
        assertThat(run(db.resolve("users"), "", "get", "users/alice/name")).isEqualTo(new Run(0, "Zoë\n", ""));
        assertThat(run(tmp, "", "--db", "db", "get", "users/bob")).isEqualTo(new Run(3, "", "jdirs: users/bob: not found\n"));
        assertThat(run(tmp, "", "get", "users/alice/name").code()).isEqualTo(3);
        assertThat(run(tmp, "{\"age.int\": \"old\"}", "--db", "db", "put", "users/alice"))
                .isEqualTo(new Run(4, "", "jdirs: users/alice/age.int: \"old\" is not an int\n"));
        assertThat(run(tmp, "{\"path\":\"carol\",\"attributes\":{\"age\":7}}\n", "--db", "db", "import", "users").code()).isZero();
        assertThat(run(tmp, "", "--db", "db", "export", "users/carol").out())
                .isEqualTo("{\"path\":\"\",\"attributes\":{\"age.int\":7}}\n");
        assertThat(run(tmp, "", "--db", "db", "set", "x").code()).isEqualTo(2);
    }

    @Test
    void exportStopsWhenItsReaderDoes() throws Exception {
        new Jdirs(null, tmp, Map.of()).run("demo", tmp.resolve("db").toString(), "--objects", "2000").ok();
        List<String> export = jdirs(tmp, "--db", "db", "export").command();
        Process p = new ProcessBuilder(pipe(export)).directory(tmp.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(p.getInputStream().readAllBytes(), UTF_8)).isEqualTo("6\n");
        assertThat(new String(p.getErrorStream().readAllBytes(), UTF_8))
                .isEqualTo("jdirs: stdout: cannot write (closed by the reader?)\n");
    }

    @Test
    void parallelIncrementsAreNotLost() throws Exception {
        Path db = tmp.resolve("db");
        assertThat(run(tmp, "", "init", "db").code()).isZero();
        List<Process> workers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            workers.add(new ProcessBuilder(loop(jdirs(tmp, "--db", "db", "incr", "counter").command()))
                    .directory(tmp.toFile()).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("worker" + i + ".log").toFile()).start());
        }
        for (int i = 0; i < PROCESSES; i++) {
            assertThat(workers.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(workers.get(i).exitValue()).as(Files.readString(tmp.resolve("worker" + i + ".log"))).isZero();
        }
        assertThat(Files.readString(db.resolve("counter.int"), UTF_8)).isEqualTo(PROCESSES * INCREMENTS + "\n");
    }

    /** A bash command line that pipes {@code command} into {@code head -1}, and prints the command's exit code. */
    private static List<String> pipe(List<String> command) {
        List<String> bash = new ArrayList<>(List.of("bash", "-c", "\"$@\" | head -1 >/dev/null; echo ${PIPESTATUS[0]}",
                "export"));
        bash.addAll(command);
        return bash;
    }

    /** A bash command line that runs {@code command} INCREMENTS times, stopping at the first failure. */
    private static List<String> loop(List<String> command) {
        List<String> bash = new ArrayList<>(List.of("bash", "-c",
                "for i in $(seq " + INCREMENTS + "); do \"$@\" || exit $?; done", "incr-loop"));
        bash.addAll(command);
        return bash;
    }
}
