package io.jdirs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's quick start, compiled and run as it stands, with the output and files it shows. */
class QuickStartTest {
    @Test
    void theQuickStartCompilesRunsAndDoesWhatTheReadmeSays(@TempDir Path dir) throws Exception {
        List<String> blocks = Docs.codeBlocks(Docs.read("README.md"));
        int at = 0; // the quick start, then what it prints, then the files it leaves
        while (at < blocks.size() && !blocks.get(at).contains("public class QuickStart")) {
            at++;
        }
        assertThat(at).as("README has a Java quick start").isLessThan(blocks.size() - 2);
        String source = blocks.get(at);
        String printed = blocks.get(at + 1);
        String shell = blocks.get(at + 2);

        Path src = Files.writeString(dir.resolve("QuickStart.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, "-cp", System.getProperty("java.class.path"), "-d",
                dir.toString(), src.toString());
        assertThat(rc).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        Path db = dir.resolve("quickstart-db");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[] {db.toString()});
        } finally {
            System.setOut(original);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(printed);

        // $ find quickstart-db -type f | grep -v /.jdirs/ | sort
        String find = shell.substring(shell.indexOf('\n') + 1, shell.indexOf("$ cat"));
        try (Stream<Path> files = Files.walk(db)) {
            String actual = files.filter(Files::isRegularFile).filter(p -> !db.relativize(p).startsWith(".jdirs"))
                    .map(p -> "quickstart-db/" + db.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.joining("\n", "", "\n"));
            assertThat(actual).isEqualTo(find);
        }
        // $ cat quickstart-db/users/alice/age.int
        assertThat(shell).contains("$ cat quickstart-db/users/alice/age.int\n"
                + Files.readString(db.resolve("users/alice/age.int")));
        // $ grep -r Alice quickstart-db
        assertThat(shell).contains("$ grep -r Alice quickstart-db\nquickstart-db/users/alice/name:"
                + Files.readString(db.resolve("users/alice/name")));
        assertThat(Files.readString(db.resolve("users/alice/email"))).doesNotContain("Alice");
    }
}
