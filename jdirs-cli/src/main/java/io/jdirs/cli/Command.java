package io.jdirs.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.concurrent.Callable;

/**
 * A jdirs command: its picocli model, built with picocli's programmatic API, and what it does. Subclasses
 * declare their parameters and options as fields ({@code add(OptionSpec.builder("--depth")...)}), in the
 * order of the command line, and read them with {@code getValue()} when they run. The model is built in
 * code rather than read from annotations because reading annotations was most of a short command's
 * start-up (docs/BENCHMARKS.md).
 */
abstract class Command implements Callable<Integer> {
    final Main main;
    final CommandSpec spec;

    /**
     * @param description the paragraphs of its help
     * @param examples    command lines, shown under "Example:"
     */
    Command(Main main, String name, String[] description, String... examples) {
        this.main = main;
        this.spec = CommandSpec.wrapWithoutInspection(this).name(name);
        String[] footer = new String[examples.length + 2];
        footer[0] = "";
        footer[1] = "Example:";
        for (int i = 0; i < examples.length; i++) {
            footer[i + 2] = "  " + examples[i];
        }
        spec.usageMessage().description(description).footer(footer);
        addHelpOptions(spec);
    }

    /** -h, --help and -V, --version, as picocli's mixinStandardHelpOptions adds them, without reading its annotations. */
    static void addHelpOptions(CommandSpec spec) {
        spec.addOption(flag("Show this help message and exit.", "-h", "--help").usageHelp(true).build());
        spec.addOption(flag("Print version information and exit.", "-V", "--version").versionHelp(true).build());
    }

    /** Adds an option to the command. */
    final OptionSpec add(OptionSpec.Builder option) {
        OptionSpec o = option.build();
        spec.addOption(o);
        return o;
    }

    /** Adds the next positional parameter (of type String unless the builder says otherwise). */
    final PositionalParamSpec add(PositionalParamSpec.Builder parameter) {
        PositionalParamSpec p = parameter.index(Integer.toString(spec.positionalParameters().size())).build();
        spec.addPositional(p);
        return p;
    }

    /** A required parameter, a string unless the builder gives another type. */
    static PositionalParamSpec.Builder parameter(String label, String description) {
        return PositionalParamSpec.builder().paramLabel(label).type(String.class).arity("1").required(true)
                .description(description);
    }

    /** A parameter that may be left out, for {@code defaultValue}. */
    static PositionalParamSpec.Builder optional(String label, String defaultValue, String description) {
        return PositionalParamSpec.builder().paramLabel(label).type(String.class).arity("0..1").defaultValue(defaultValue)
                .description(description);
    }

    /** An option that is a flag: false unless given. */
    static OptionSpec.Builder flag(String description, String... names) {
        return OptionSpec.builder(names).type(boolean.class).defaultValue("false").description(description);
    }
}
