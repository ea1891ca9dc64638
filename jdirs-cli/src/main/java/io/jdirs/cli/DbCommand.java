package io.jdirs.cli;

import io.jdirs.Database;

/** A command on an existing database, which it opens for the command's run and closes after. */
abstract class DbCommand extends Command {
    DbCommand(Main main, String name, String[] description, String... examples) {
        super(main, name, description, examples);
    }

    @Override
    public Integer call() {
        Timing.mark("picocli");
        try (Database db = main.open()) {
            Timing.mark("open");
            run(db);
            Timing.mark("command");
        }
        Timing.mark("close");
        return 0;
    }

    abstract void run(Database db);
}
