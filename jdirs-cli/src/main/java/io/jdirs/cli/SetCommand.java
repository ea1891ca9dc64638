package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

final class SetCommand extends DbCommand {
    private final PositionalParamSpec pathParameter = add(parameter("PATH", "The attribute."));
    private final PositionalParamSpec valueParameter = add(parameter("VALUE", "Its value, as text."));
    private final OptionSpec typeOption = add(OptionSpec.builder("-t", "--type").paramLabel("TYPE").type(String.class)
            .description("The value's type."));

    SetCommand(Main main) {
        super(main, "set", new String[]{"Writes one attribute, creating its node if needed.",
                "Without --type (or a type suffix on the key, as in age.int), the type is inferred: whole numbers are int "
                        + "(long, bigint when larger), decimals double, true/false bool, ISO-8601 text instant (with Z), "
                        + "offsetdatetime, datetime or date, UUIDs uuid, JSON arrays and objects json, and anything else str.",
                "Types: str, int, long, double, decimal, bigint, bool, instant, date, datetime, offsetdatetime, uuid, "
                        + "bin (VALUE in base64), json."},
                "jdirs set users/u00042/age 43", "jdirs set users/u00042/zip 01234 --type str");
    }

    @Override
    void run(Database db) {
        String path = pathParameter.getValue();
        String value = valueParameter.getValue();
        String type = typeOption.getValue();
        KeyPath p = KeyPath.parse(path);
        KeyPath.Suffixed a = p.attribute();
        Type t = a.type();
        if (type != null) {
            Type given = Values.type(type);
            if (t != null && t != given) {
                throw Failure.usage(path + ": the key's suffix names " + Values.article(t) + ", --type "
                        + Values.article(given));
            }
            t = given;
        }
        if (t == null) {
            t = Values.infer(value);
        }
        Object v = Values.parse(t, value, p.attributeName(a.key(), t));
        p.parent(db.root()).put(a.key(), v);
    }
}
