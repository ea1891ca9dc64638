package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Type;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "set", description = {"Writes one attribute, creating its node if needed.",
        "Without --type (or a type suffix on the key, as in age.int), the type is inferred: whole numbers are int "
                + "(long, bigint when larger), decimals double, true/false bool, ISO-8601 text instant (with Z), "
                + "offsetdatetime, datetime or date, UUIDs uuid, JSON arrays and objects json, and anything else str.",
        "Types: str, int, long, double, decimal, bigint, bool, instant, date, datetime, offsetdatetime, uuid, "
                + "bin (VALUE in base64), json."},
        footer = {"", "Example:", "  jdirs set users/u00042/age 43", "  jdirs set users/u00042/zip 01234 --type str"})
final class SetCommand extends DbCommand {
    @Parameters(index = "0", paramLabel = "PATH", description = "The attribute.")
    String path;

    @Parameters(index = "1", paramLabel = "VALUE", description = "Its value, as text.")
    String value;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "The value's type.")
    String type;

    @Override
    void run(Database db) {
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
