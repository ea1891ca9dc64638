package io.jdirs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine a benchmark ran on, as the report states it. */
final class Machine {
    private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^-]*(?:-SNAPSHOT)?)\\.jar");

    private Machine() {
    }

    static Map<String, String> describe(Path work) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("cpu", firstMatch(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.*)"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String kb = firstMatch(Path.of("/proc/meminfo"), "MemTotal:\\s*(\\d+) kB");
        m.put("memory", kb.isEmpty() ? "" : String.format("%.1f GiB", Long.parseLong(kb) / 1048576.0));
        m.put("filesystem", fileSystem(work));
        m.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("libraries", libraries());
        return m;
    }

    /** The load averages over 1, 5 and 15 minutes, from /proc/loadavg; empty where there is none. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The file system type and device of a directory, from {@code df -T}. */
    private static String fileSystem(Path dir) {
        try {
            Process p = new ProcessBuilder("df", "-PT", dir.toString()).redirectErrorStream(true).start();
            List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
            String[] f = lines.get(lines.size() - 1).trim().split("\\s+");
            return f[1] + " (" + f[0] + ", mounted on " + f[f.length - 1] + ")";
        } catch (IOException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The versions of the jars on the class path, from their names. */
    private static String libraries() {
        Map<String, String> versions = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Matcher m = JAR.matcher(Path.of(entry).getFileName().toString());
            if (m.matches()) {
                versions.put(m.group(1), m.group(2));
            }
        }
        StringBuilder b = new StringBuilder();
        versions.forEach((name, v) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(' ').append(v));
        return b.toString();
    }

    private static String firstMatch(Path file, String regex) {
        try {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(Files.readString(file));
            return m.find() ? m.group(1).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
