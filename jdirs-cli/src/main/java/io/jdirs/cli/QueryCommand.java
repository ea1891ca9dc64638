package io.jdirs.cli;

import io.jdirs.Node;
import io.jdirs.Query;
import io.jdirs.Transaction;
import io.jdirs.Type;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command that runs a query (docs/QUERIES.md) on the node PATH: find, count and explain. The query is
 * one argument, quoted in the shell; a query that does not parse is a usage error, shown with a caret
 * under the place ({@link Main#handleExecutionException}).
 */
abstract class QueryCommand extends DbCommand {
    private final PositionalParamSpec pathParameter = add(parameter("PATH",
            "The node whose child nodes (or, with --subtree, every node below) the query covers."));
    private final PositionalParamSpec queryParameter = add(parameter("QUERY",
            "The query, in one argument: quote it in the shell."));
    private final OptionSpec subtreeOption = add(flag("Cover every node below PATH, at any depth.", "--subtree"));

    QueryCommand(Main main, String name, String[] description, String... examples) {
        super(main, name, description, examples);
    }

    /** The query given, with --subtree. */
    Query query() {
        return Query.parse(queryParameter.<String>getValue()).subtree(subtreeOption.getValue());
    }

    /** The node PATH names in a transaction: not found if it names nothing, a usage error if an attribute. */
    Node node(Transaction tx) {
        String path = pathParameter.getValue();
        KeyPath.Entry e = KeyPath.parse(path).find(tx.root()).require();
        if (e.type() != Type.NODE) {
            throw Failure.usage(path + ": is an attribute; " + spec.name() + " takes a node");
        }
        return e.node();
    }
}
