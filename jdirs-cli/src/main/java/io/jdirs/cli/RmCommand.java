package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class RmCommand extends DbCommand {
    private final OptionSpec recursiveOption = add(flag("Remove nodes too, with everything under them.", "-r", "--recursive"));
    private final PositionalParamSpec pathParameter = add(parameter("PATH", "An attribute, or a node with -r."));

    RmCommand(Main main) {
        super(main, "rm", new String[]{"Removes an attribute, or with -r a node and everything under it."},
                "jdirs rm users/u00042/score", "jdirs rm -r users/u00042");
    }

    @Override
    void run(Database db) {
        String path = pathParameter.getValue();
        boolean recursive = recursiveOption.getValue();
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
