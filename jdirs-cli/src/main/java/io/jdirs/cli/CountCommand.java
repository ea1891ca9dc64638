package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Query;

final class CountCommand extends QueryCommand {
    CountCommand(Main main) {
        super(main, "count", new String[]{"Prints how many nodes match the query's condition (its order, limit and "
                + "cursor do not count). An index that decides the whole condition is counted without reading a node."},
                "jdirs count users 'age > 80 and active = true'", "jdirs count --subtree / 'email exists'");
    }

    @Override
    void run(Database db) {
        Query query = query();
        long count = db.read(tx -> node(tx).count(query));
        main.out.println(count);
    }
}
