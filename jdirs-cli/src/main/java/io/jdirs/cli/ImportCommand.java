package io.jdirs.cli;

import io.jdirs.Database;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

import static java.nio.charset.StandardCharsets.UTF_8;

final class ImportCommand extends DbCommand {
    private final PositionalParamSpec pathParameter = add(optional("PATH", "", "Where to import (default: the root)."));
    private final OptionSpec batchOption = add(OptionSpec.builder("--batch").paramLabel("N").type(int.class)
            .defaultValue("1000").description("Nodes per transaction (default: ${DEFAULT-VALUE})."));

    ImportCommand(Main main) {
        super(main, "import", new String[]{"Reads JSON Lines as export writes them from stdin and writes each node under "
                + "PATH, its attributes merged as put does.",
                "Every --batch nodes are one transaction. At a bad line nothing of its batch is written; the batches before "
                        + "it are, and the message says how many nodes that is."},
                "jdirs --db copy import < backup.jsonl", "jdirs export users | jdirs --db other import people");
    }

    /** One line: the node's path under PATH, its attributes, and where it was read, for messages. */
    private record Line(KeyPath path, JsonNode attributes, String where) {
    }

    @Override
    void run(Database db) {
        int batch = batchOption.getValue();
        if (batch < 1) {
            throw Failure.usage("--batch must be 1 or more, was " + batch);
        }
        KeyPath top = KeyPath.parse(pathParameter.getValue());
        List<Line> pending = new ArrayList<>();
        long imported = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(main.in, UTF_8));
             Progress progress = new Progress(main, "import", "nodes")) {
            long number = 0;
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                number++;
                if (!text.isBlank()) {
                    pending.add(parse(top, text, "stdin line " + number));
                }
                if (pending.size() == batch) {
                    imported += commit(db, pending, progress);
                }
            }
            imported += commit(db, pending, progress);
        } catch (IOException e) {
            throw new Failure(Failure.IO, "stdin: " + e.getMessage());
        } catch (Failure f) {
            throw new Failure(f.code, f.getMessage() + " (the " + imported + " nodes before its batch were imported)");
        }
    }

    private static Line parse(KeyPath top, String text, String where) {
        JsonNode json = JsonText.parse(text, where);
        JsonNode path = json.get("path");
        JsonNode attributes = json.path("attributes");
        if (!json.isObject() || path == null || !path.isString() || !(attributes.isObject() || attributes.isMissingNode())) {
            throw Failure.badData(where + ": expected {\"path\": \"...\", \"attributes\": {...}}");
        }
        try {
            return new Line(top.resolve(KeyPath.parse(path.stringValue()).keys()),
                    attributes.isMissingNode() ? JsonText.object() : attributes, where);
        } catch (Failure f) {
            throw Failure.badData(where + ": " + f.getMessage());
        }
    }

    /** Writes the pending lines in one transaction, and returns how many they were. */
    private static int commit(Database db, List<Line> lines, Progress progress) {
        if (lines.isEmpty()) {
            return 0;
        }
        db.update(tx -> {
            for (Line line : lines) {
                try {
                    PutCommand.write(line.path().node(tx.root()), line.attributes(), line.path().text());
                } catch (Failure f) {
                    throw new Failure(f.code, line.where() + ": " + f.getMessage());
                }
            }
        });
        int n = lines.size();
        progress.step(n);
        lines.clear();
        return n;
    }
}
