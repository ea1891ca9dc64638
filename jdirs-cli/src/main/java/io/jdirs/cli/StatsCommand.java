package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import io.jdirs.Index;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

final class StatsCommand extends DbCommand {
    /** Files and bytes under a directory. */
    private static final class Usage {
        long files;
        long bytes;
    }

    StatsCommand(Main main) {
        super(main, "stats", new String[]{"Counts the nodes and attributes (by type) of the database, and the files and "
                + "bytes (their content, as du --apparent-size counts) of its data and of its metadata (.jdirs/); then "
                + "the sequence number of the last commit, and the indexes."},
                "jdirs stats", "jdirs stats --json");
    }

    @Override
    void run(Database db) {
        long[] nodes = {0};
        Map<Type, Long> attributes = new EnumMap<>(Type.class);
        try (Progress progress = new Progress(main, "stats", "nodes")) {
            Walk.each(db, KeyPath.parse(""), (node, entries) -> entries, (keys, entries) -> {
                nodes[0]++;
                entries.values().stream().filter(t -> t != Type.NODE).forEach(t -> attributes.merge(t, 1L, Long::sum));
                progress.step(1);
            });
        }
        Usage data = new Usage();
        Usage meta = new Usage();
        measure(db.path(), data, meta);
        long total = attributes.values().stream().mapToLong(Long::longValue).sum();
        long lastCommit = db.lastCommit();
        List<Index> indexes = db.indexes();
        if (main.json()) {
            ObjectNode o = JsonText.object();
            o.put("nodes", nodes[0]);
            o.put("attributes", total);
            ObjectNode types = o.putObject("types");
            attributes.forEach((type, n) -> types.put(Values.name(type), n));
            o.put("dataFiles", data.files).put("dataBytes", data.bytes).put("metaFiles", meta.files).put("metaBytes", meta.bytes);
            o.put("lastCommit", lastCommit);
            ArrayNode list = o.putArray("indexes");
            for (Index index : indexes) {
                list.add(IndexCommand.json(index));
            }
            main.out.println(JsonText.compact(o));
            return;
        }
        StringBuilder byType = new StringBuilder();
        attributes.forEach((type, n) -> byType.append(byType.length() == 0 ? " (" : ", ").append(Values.name(type))
                .append(' ').append(n));
        main.out.println("nodes       " + nodes[0]);
        main.out.println("attributes  " + total + (byType.length() > 0 ? byType + ")" : ""));
        main.out.println("data        " + data.files + " files, " + size(data.bytes));
        main.out.println(".jdirs/     " + meta.files + " files, " + size(meta.bytes));
        main.out.println("commit      " + lastCommit);
        List<String> described = new ArrayList<>();
        for (Index index : indexes) {
            described.add(IndexCommand.describe(index));
        }
        main.out.println("indexes     " + (indexes.isEmpty() ? "none" : String.join(", ", described)));
    }

    /** Adds up the regular files under the database: its data, and .jdirs/. */
    private static void measure(Path root, Usage data, Usage meta) {
        Path metaDir = root.resolve(".jdirs");
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        Usage u = file.startsWith(metaDir) ? meta : data;
                        u.files++;
                        u.bytes += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a file removed by a writer meanwhile
                }
            });
        } catch (IOException e) {
            throw new Failure(Failure.IO, root + ": " + e.getMessage());
        }
    }

    private static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " bytes" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
