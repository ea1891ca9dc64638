package io.jdirs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the file operations of each operation of a store: runs {@link Probe} under
 * {@code strace -f}, and counts the system calls of the thread that marked each operation, by kind.
 * Calls on the JVM's own files (class files, jars, /proc, /sys) are left out.
 */
public final class FileOps {
    static final String MARK = "/jdirs-probe";
    /** The kinds of calls counted, in table order, and the system calls of each. */
    public static final Map<String, List<String>> KINDS = kinds();

    private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(?:<\\.\\.\\. (\\w+) resumed>|(\\w+)\\()(.*)$");
    private static final Pattern PATH = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern RESULT = Pattern.compile("= (-?\\d+)");
    private static final Pattern JVM_FILE = Pattern.compile("\\.(jar|class)$|/lib/modules$|^/proc/|^/sys/");

    /** Per operation, the number of calls of each kind. */
    public record Counts(String peer, Map<String, Map<String, Integer>> byOperation) {
    }

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("open", List.of("openat", "open", "creat"));
        k.put("stat", List.of("statx", "newfstatat", "fstat", "stat", "lstat", "access", "faccessat", "faccessat2"));
        k.put("list", List.of("getdents64", "getdents"));
        k.put("read", List.of("read", "pread64", "readv"));
        k.put("write", List.of("write", "pwrite64", "writev"));
        k.put("fsync", List.of("fsync", "fdatasync"));
        k.put("rename", List.of("rename", "renameat", "renameat2"));
        k.put("mkdir", List.of("mkdir", "mkdirat"));
        k.put("delete", List.of("unlink", "unlinkat", "rmdir"));
        k.put("lock", List.of("fcntl", "flock"));
        return k;
    }

    /** Whether strace can be run here. */
    public static boolean available() {
        try {
            return new ProcessBuilder("strace", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Runs the probe of a peer under strace in {@code work} and counts its calls. */
    public static Counts trace(Peer peer, Path work) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(work, "probe");
        Path trace = dir.resolve("trace");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("strace", "-f", "-qq", "-o", trace.toString(), "-e", "trace=file,desc",
                java, "-cp", System.getProperty("java.class.path"), Probe.class.getName(), peer.name(),
                dir.resolve("db").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("the probe of " + peer.name() + " failed: " + Files.readString(dir.resolve("out")));
        }
        Counts c = new Counts(peer.name(), count(Files.readAllLines(trace)));
        Bench.delete(dir);
        return c;
    }

    /** Counts the calls between each pair of markers, made by the thread that marked them. */
    static Map<String, Map<String, Integer>> count(List<String> lines) {
        Map<String, String> kindOf = new HashMap<>();
        KINDS.forEach((kind, calls) -> calls.forEach(call -> kindOf.put(call, kind)));
        Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
        Map<String, String> fds = new HashMap<>();     // fd -> the path it was last opened for
        Map<String, String> opening = new HashMap<>(); // tid -> path of an openat not yet returned
        String tid = null;
        Map<String, Integer> current = null;
        for (String line : lines) {
            Matcher m = CALL.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String thread = m.group(1);
            boolean resumed = m.group(2) != null;
            String call = resumed ? m.group(2) : m.group(3);
            String rest = m.group(4);
            Matcher path = PATH.matcher(rest);
            boolean byPath = rest.startsWith("\"") || rest.startsWith("AT_FDCWD");
            String file = !resumed && byPath && path.find() ? path.group(1) : null;
            if (file != null && file.startsWith(MARK + "/")) {
                String[] parts = file.substring(MARK.length() + 1).split("/", 2);
                tid = thread;
                current = parts[0].equals("begin") ? out.computeIfAbsent(parts[1], k -> zero()) : null;
                continue;
            }
            if (call.equals("openat") || call.equals("open")) {
                if (file != null) {
                    opening.put(thread, file);
                }
                Matcher r = RESULT.matcher(rest);
                if (r.find() && opening.containsKey(thread)) {
                    fds.put(r.group(1), opening.remove(thread));
                }
            }
            if (resumed || current == null || !thread.equals(tid)) {
                continue; // a call is counted on the line where it begins
            }
            String target = file != null ? file : fds.get(fd(rest));
            if (target != null && JVM_FILE.matcher(target).find()) {
                continue;
            }
            String kind = kindOf.get(call);
            if (kind != null && (!kind.equals("lock") || rest.contains("F_SETLK") || call.equals("flock"))) {
                current.merge(kind, 1, Integer::sum);
            }
        }
        return out;
    }

    private static String fd(String args) {
        int end = 0;
        while (end < args.length() && Character.isDigit(args.charAt(end))) {
            end++;
        }
        return end == 0 ? null : args.substring(0, end);
    }

    private static Map<String, Integer> zero() {
        Map<String, Integer> m = new LinkedHashMap<>();
        KINDS.keySet().forEach(k -> m.put(k, 0));
        return m;
    }

    /** The total of the counted calls. */
    public static int total(Map<String, Integer> counts) {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }
}
