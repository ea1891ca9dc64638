package io.jdirs.cli;

import io.jdirs.Database;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.nio.file.Path;

final class InitCommand extends Command {
    private final PositionalParamSpec dirParameter = add(parameter("DIR", "The directory (created if missing)."));

    InitCommand(Main main) {
        super(main, "init", new String[]{"Makes DIR a database: a new empty one, or one whose nodes and attributes are "
                + "the directories and files DIR holds already."},
                "jdirs init /tmp/notes && jdirs --db /tmp/notes set todo/1 'buy milk'");
    }

    @Override
    public Integer call() {
        Database.init(Path.of((String) dirParameter.getValue()), main.settings()).close();
        return 0;
    }
}
