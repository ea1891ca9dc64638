package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Query;
import io.jdirs.Results;
import picocli.CommandLine.Model.OptionSpec;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

final class FindCommand extends QueryCommand {
    private final OptionSpec limitOption = add(OptionSpec.builder("--limit").paramLabel("N").type(Long.class)
            .description("At most N nodes (instead of the query's limit)."));
    private final OptionSpec afterOption = add(OptionSpec.builder("--after").paramLabel("CURSOR").type(String.class)
            .description("The next page: the nodes after the page that gave CURSOR (as after \"CURSOR\" in the query)."));

    FindCommand(Main main) {
        super(main, "find", new String[]{"Prints the nodes a query finds, one a line: its path, then the attributes the "
                + "query selects (select a, b) as a=value b=value, a string in quotes when it is empty or holds a space, "
                + "a quote or '=', a missing attribute left out.",
                "When more nodes follow the page (a query with a limit), a last line on stderr gives the option for the "
                        + "next page: --after CURSOR.",
                "With --json, JSON Lines: one {\"path\": ..., \"attributes\": {...}} per node, with the attributes the "
                        + "query selects (all of them without select) as get --json gives them, null when missing; and "
                        + "when more nodes follow, a last line {\"cursor\": \"...\"}."},
                "jdirs find users 'age > 80 and active = true order by name limit 5'",
                "jdirs find users 'select name, email where name starts with \"Al\" limit 10' --json",
                "jdirs find users 'order by age desc limit 10' --after CURSOR");
    }

    @Override
    void run(Database db) {
        Query query = query();
        Long limit = limitOption.getValue();
        if (limit != null) {
            if (limit < 0) {
                throw Failure.usage("--limit must be 0 or more, was " + limit);
            }
            query = query.limit(limit);
        }
        String after = afterOption.getValue();
        Query page = after == null ? query : query.after(after);
        Results results = db.read(tx -> node(tx).find(page)); // the nodes and their rows, read in one transaction
        for (int i = 0; i < results.size(); i++) {
            String path = KeyPath.of(results.nodes().get(i));
            Map<String, Object> row = results.rows().get(i);
            main.out.println(main.json() ? jsonLine(path, row) : textLine(path, row, !page.select().isEmpty()));
        }
        if (results.cursor() != null) {
            if (main.json()) {
                main.out.println("{\"cursor\":\"" + results.cursor() + "\"}"); // base64url: nothing to escape
            } else {
                main.out.flush();
                main.err.println("jdirs: more nodes follow; the next page: --after " + results.cursor());
            }
        }
    }

    private static String jsonLine(String path, Map<String, Object> row) {
        ObjectNode line = JsonText.object().put("path", path);
        ObjectNode attributes = line.putObject("attributes");
        for (Map.Entry<String, Object> a : row.entrySet()) {
            attributes.set(a.getKey(), Values.toJson(a.getValue()));
        }
        return JsonText.compact(line);
    }

    /** The path, and with {@code selected} the attributes present as {@code a=value}. */
    private static String textLine(String path, Map<String, Object> row, boolean selected) {
        StringBuilder line = new StringBuilder(path);
        if (selected) {
            for (Map.Entry<String, Object> a : row.entrySet()) {
                if (a.getValue() != null) {
                    line.append(' ').append(a.getKey()).append('=').append(shown(a.getValue()));
                }
            }
        }
        return line.toString();
    }

    /** A value's text; a string in quotes when it is empty or holds a space, a control character, a quote or '='. */
    private static String shown(Object value) {
        String text = Values.text(value);
        if (value instanceof String) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c <= ' ' || c == '"' || c == '=') {
                    return Values.quote(text);
                }
            }
            return text.isEmpty() ? "\"\"" : text;
        }
        return text;
    }
}
