package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", description = "Removes an attribute, or with -r a node and everything under it.",
        footer = {"", "Example:", "  jdirs rm users/u00042/score", "  jdirs rm -r users/u00042"})
final class RmCommand extends DbCommand {
    @Option(names = {"-r", "--recursive"}, description = "Remove nodes too, with everything under them.")
    boolean recursive;

    @Parameters(paramLabel = "PATH", description = "An attribute, or a node with -r.")
    String path;

    @Override
    void run(Database db) {
        KeyPath p = KeyPath.parse(path);
        if (p.isRoot()) {
            throw Failure.usage("the root node cannot be removed");
        }
        db.update(tx -> {
            KeyPath.Entry e = p.find(tx.root()).require();
            if (e.type() == Type.NODE && !recursive) {
                throw Failure.usage(path + ": is a node; rm -r removes it with everything under it");
            }
            e.parent().remove(e.key());
        });
    }
}
