package io.jdirs.cli;

import io.jdirs.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;

@Command(name = "init", description = "Makes DIR a database: a new empty one, or one whose nodes and attributes are "
        + "the directories and files DIR holds already.",
        footer = {"", "Example:", "  jdirs init /tmp/notes && jdirs --db /tmp/notes set todo/1 'buy milk'"})
final class InitCommand implements Runnable {
    @ParentCommand
    Main main;

    @Parameters(paramLabel = "DIR", description = "The directory (created if missing).")
    Path dir;

    @Override
    public void run() {
        Database.init(dir, main.settings()).close();
    }
}
