package io.jdirs.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * A whole process that answers one lookup, the age of user {@code ID} in the database {@code DB}, as a
 * CGI script or a shell script would run it: its command line, whether its program is here, and what it
 * must print (the age; a baseline prints what it prints). {@link #run} starts it, waits for it, and
 * checks what it printed.
 *
 * @param shown    the command line as the report shows it, with {@code DB} and {@code ID}
 * @param expected what it prints for a user of this age (standard output, stripped)
 */
public record Command(String shown, BooleanSupplier available, BiFunction<Path, String, List<String>> line,
                      IntFunction<String> expected) {
    /** The repository: the nearest directory above the working directory that holds {@code bin/jdirs}. */
    static final Path ROOT = root();
    static final Path CLI = ROOT.resolve("jdirs-cli/target");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** The JVM flags bin/jdirs gives java, read from it. */
    static final List<String> FLAGS = launcherFlags(ROOT.resolve("bin/jdirs"));
    static final String CLASSES = Path.of(Command.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString();

    public static final Command JDIRS_GET = java("-XX:SharedArchiveFile=" + CLI.resolve("jdirs.jsa") + " -jar "
                    + CLI.resolve("jdirs-cli.jar") + " --db DB get users/ID/age",
            () -> Files.isRegularFile(CLI.resolve("jdirs-cli.jar")) && Files.isRegularFile(CLI.resolve("jdirs.jsa")),
            Integer::toString);
    public static final Command HELLO = java("-cp " + CLASSES + " " + Hello.class.getName(), () -> true,
            age -> "hello");
    public static final Command JAVA_VERSION = new Command("java -version", () -> true,
            (dir, id) -> List.of(JAVA, "-version"), age -> "");
    public static final Command LIMIT_GET = java("-cp " + CLASSES + " " + LimitGet.class.getName() + " DB ID",
            () -> true, Integer::toString);
    public static final Command SQLITE = new Command("sqlite3 DB/users.db \"select age from users where id='ID'\"",
            () -> installed("sqlite3"), (dir, id) -> List.of("sqlite3", dir.resolve("users.db").toString(),
            "select age from users where id='" + id + "'"), Integer::toString);
    public static final Command PYTHON = new Command(
            "python3 -c \"print(open('DB/users/ID/age.int').read().strip())\"", () -> installed("python3"),
            (dir, id) -> List.of(Python.EXECUTABLE, "-c", "print(open('" + dir.resolve("users/" + id + "/age.int")
                    + "').read().strip())"), Integer::toString);

    /** A java command line: bin/jdirs' flags, then {@code rest} (split at spaces; DB and ID replaced). */
    private static Command java(String rest, BooleanSupplier available, IntFunction<String> expected) {
        String shown = "java " + String.join(" ", FLAGS) + " " + rest;
        return new Command(shown.replace(ROOT + "/", ""), available, (dir, id) -> {
            List<String> line = new ArrayList<>(List.of(JAVA));
            line.addAll(FLAGS);
            for (String word : rest.split(" ")) {
                line.add(switch (word) {
                    case "DB" -> dir.toString();
                    case "ID" -> id;
                    case "users/ID/age" -> "users/" + id + "/age";
                    default -> word;
                });
            }
            return line;
        }, expected);
    }

    /** Runs the lookup of user {@code id} (of this age) in {@code dir}; fails unless it printed what it must. */
    public void run(Path dir, String id, int age) {
        try {
            ProcessBuilder b = new ProcessBuilder(line.apply(dir, id)).redirectError(ProcessBuilder.Redirect.DISCARD);
            String locale = System.getenv().getOrDefault("LC_ALL", System.getenv().getOrDefault("LC_CTYPE",
                    System.getenv().getOrDefault("LANG", "")));
            if (!locale.toUpperCase(java.util.Locale.ROOT).replace("-", "").contains("UTF8")) {
                b.environment().put("LC_ALL", "C.UTF-8"); // as bin/jdirs does
            }
            Process p = b.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int exit = p.waitFor();
            if (exit != 0 || !out.equals(expected.apply(age))) {
                throw new IllegalStateException(String.join(" ", line.apply(dir, id)) + " exited with " + exit
                        + " and printed \"" + out + "\", not \"" + expected.apply(age) + "\"");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("bin/jdirs"))) {
                return p;
            }
        }
        throw new IllegalStateException("no bin/jdirs above " + Path.of("").toAbsolutePath());
    }

    /** The words of the line {@code options=(...)} of bin/jdirs: the flags it gives java. */
    static List<String> launcherFlags(Path script) {
        try {
            for (String l : Files.readAllLines(script)) {
                String s = l.strip();
                if (s.startsWith("options=(") && s.endsWith(")")) {
                    return Arrays.asList(s.substring("options=(".length(), s.length() - 1).split(" "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException(script + " has no line options=(...)");
    }

    /** The Python interpreter itself, not a version manager's shim in front of it. */
    private static final class Python {
        static final String EXECUTABLE = resolve();

        private static String resolve() {
            try {
                Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").start();
                String exe = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return p.waitFor() == 0 && !exe.isEmpty() ? exe : "python3";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "python3";
            }
        }
    }

    private static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
