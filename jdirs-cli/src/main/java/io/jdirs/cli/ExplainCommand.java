package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Query;

final class ExplainCommand extends QueryCommand {
    ExplainCommand(Main main) {
        super(main, "explain", new String[]{"Prints how a query would run: the index it uses and what for, or why it "
                + "visits the nodes. With --json, the same text as a JSON string."},
                "jdirs explain users 'age > 50 order by age limit 10'");
    }

    @Override
    void run(Database db) {
        Query query = query();
        String plan = db.read(tx -> node(tx).explain(query));
        main.out.println(main.json() ? Values.quote(plan) : plan);
    }
}
