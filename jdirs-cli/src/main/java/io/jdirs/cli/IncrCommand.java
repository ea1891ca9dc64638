package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Node;
import io.jdirs.Type;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.math.BigInteger;

final class IncrCommand extends DbCommand {
    private final PositionalParamSpec pathParameter = add(parameter("PATH", "The attribute."));
    private final PositionalParamSpec byParameter = add(optional("N", "1", "What to add (default: ${DEFAULT-VALUE}).")
            .type(BigInteger.class));

    IncrCommand(Main main) {
        super(main, "incr", new String[]{"Adds N to an integer attribute (int, long or bigint) in one transaction, "
                + "creating it at N if missing, and prints the new value.",
                "Concurrent incr processes lose no increment."},
                "jdirs incr stats/visits", "jdirs incr stats/stock -3");
    }

    @Override
    void run(Database db) {
        String path = pathParameter.getValue();
        BigInteger by = byParameter.getValue();
        KeyPath p = KeyPath.parse(path);
        KeyPath.Suffixed a = p.attribute();
        Object result = db.write(tx -> {
            Node parent = p.parent(tx.root());
            Type type = parent.type(a.key());
            if (type == null) {
                type = a.type() != null ? a.type() : Values.integerType(by);
            }
            String name = p.attributeName(a.key(), type);
            if (a.type() != null && a.type() != type) {
                throw Failure.badData(name + ": is " + Values.article(type) + ", not " + Values.article(a.type()));
            }
            if (type != Type.INT && type != Type.LONG && type != Type.BIGINT) {
                throw Failure.badData(name + ": is " + Values.article(type) + ", not an integer");
            }
            BigInteger old = parent.has(a.key()) ? parent.get(a.key(), BigInteger.class) : BigInteger.ZERO;
            Object sum = Values.integer(type, old.add(by));
            if (sum == null) {
                throw Failure.badData(name + ": " + old + " + " + by + " is out of range for " + Values.article(type));
            }
            parent.put(a.key(), sum);
            return sum;
        });
        main.out.println(result);
    }
}
