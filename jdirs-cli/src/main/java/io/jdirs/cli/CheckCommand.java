package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Database.Problem;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

final class CheckCommand extends DbCommand {
    private final OptionSpec repairOption = add(flag("Rebuild the indexes that do not match the data (and remove "
            + "damaged ones), then check again; user data is never changed.", "--repair"));

    CheckCommand(Main main) {
        super(main, "check", new String[]{"Reads every file of the database and prints every problem, one a line: the "
                + "path, what is wrong and what was expected (values that do not read as their type, two files for one "
                + "key, names that are not the encoding of a key, damaged journal or change log, leftovers of "
                + "interrupted commits, indexes that do not match the data). Exits with 4 when there are problems.",
                "With --repair, problems that the repair fixed are marked (repaired), and the exit code tells whether "
                        + "any are left."},
                "jdirs check", "jdirs check --repair");
    }

    @Override
    void run(Database db) {
        boolean repair = repairOption.getValue();
        List<Problem> found = check(db, repair, "check");
        List<Problem> left = repair && !found.isEmpty() ? check(db, false, "check again") : found;
        List<Problem> shown = new ArrayList<>(found);
        for (Problem p : left) {
            if (!found.contains(p)) {
                shown.add(p); // found only on the second pass: a writer was busy meanwhile
            }
        }
        for (Problem p : shown) {
            main.out.println(p + (left.contains(p) ? "" : " (repaired)"));
        }
        if (!left.isEmpty()) {
            main.out.flush();
            throw Failure.badData(count(left) + (repair ? " left after repair (" + (shown.size() - left.size())
                    + " repaired)" : ""));
        }
        main.out.println(found.isEmpty() ? "no problems" : count(found) + ", all repaired");
    }

    private List<Problem> check(Database db, boolean repair, String label) {
        try (Progress progress = new Progress(main, label, "files")) {
            return db.check(repair, progress::at);
        }
    }

    private static String count(List<Problem> problems) {
        return problems.size() + (problems.size() == 1 ? " problem" : " problems");
    }
}
