package io.jdirs.cli;

import io.jdirs.Database;
import io.jdirs.Options;
import io.jdirs.QuerySyntaxException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The {@code jdirs} command: global options, finding and opening the database, errors and exit codes. Its
 * picocli model, like every command's, is built in code ({@link Command}), and only the command that the
 * command line names is built.
 */
public final class Main implements Runnable, IExecutionExceptionHandler, IParameterExceptionHandler {
    /** The commands, in the order help lists them. */
    static final List<String> COMMANDS = List.of("init", "demo", "ls", "get", "set", "put", "rm", "mv", "incr",
            "find", "count", "explain", "index", "export", "import", "check", "stats");

    static {
        // picocli: no lookup of Groovy closures, and no type converters found by reflection (java.time, java.sql,
        // Path): the commands take their values as strings, numbers and flags. Both cost start-up time.
        System.setProperty("picocli.disable.closures", "true");
        System.setProperty("picocli.converters.excludes", ".*");
    }

    private final CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("jdirs").scopeType(ScopeType.INHERIT)
            .versionProvider(new Version());
    private final OptionSpec dbOption = global(OptionSpec.builder("--db").paramLabel("DIR").type(String.class)
            .description("The database (default: $JDIRS_DB, else the nearest database enclosing the current directory)."));
    private final OptionSpec jsonOption = global(Command.flag("Output for scripts, as JSON.", "--json"));
    private final OptionSpec verboseOption = global(Command.flag("Print stack traces with errors.", "--verbose"));
    private final OptionSpec settingsOption = global(OptionSpec.builder("-o", "--option").paramLabel("NAME=VALUE")
            .type(Map.class).auxiliaryTypes(String.class, String.class)
            .description("A database setting (repeatable), such as -o durability=relaxed."));

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    final boolean tty;
    private final Map<String, String> env;
    private final Path cwd;

    /**
     * @param tty whether stderr is a terminal, for progress lines (bin/jdirs passes -Djdirs.tty=1)
     */
    Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, Path cwd, boolean tty) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.cwd = cwd;
        this.tty = tty;
        Command.addHelpOptions(spec);
        spec.usageMessage().autoWidth(true)
                .description("Reads and changes a jdirs database: a directory of nodes (directories) and typed attributes "
                                + "(files).",
                        "",
                        "PATH: keys joined by '/', as in users/u00042/age; the empty path is the root node.",
                        "Each key is written like its file name: %%2F for a '/' inside a key, %%25 for a '%%' (a '%%' not "
                                + "followed by two hex digits stands for itself). The last key may carry its file's type "
                                + "suffix (age.int).")
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(exitCodes())
                .footer("", "Settings (-o NAME=VALUE): durability (durable|relaxed), lockTimeout (ms), retries, cacheSize "
                                + "(64m), flushInterval (ms), revalidateAfter (ms), changeRetention (ms).",
                        "",
                        "Example:", "  jdirs demo /tmp/demo && cd /tmp/demo && jdirs get users/u00042");
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "ok");
        codes.put("1", "other error");
        codes.put("2", "usage error (bad option, path, setting or query)");
        codes.put("3", "not found");
        codes.put("4", "bad data (a value that is not of its type, malformed JSON, a value a unique index refuses, "
                + "problems found by check)");
        codes.put("5", "conflict or busy (other writers held the database too long)");
        codes.put("6", "I/O error");
        return codes;
    }

    /** An option of jdirs that every command takes too. */
    private OptionSpec global(OptionSpec.Builder option) {
        OptionSpec o = option.scopeType(ScopeType.INHERIT).build();
        spec.addOption(o);
        return o;
    }

    /** The command of this name, or null if jdirs has none. */
    Command command(String name) {
        return switch (name) {
            case "init" -> new InitCommand(this);
            case "demo" -> new DemoCommand(this);
            case "ls" -> new LsCommand(this);
            case "get" -> new GetCommand(this);
            case "set" -> new SetCommand(this);
            case "put" -> new PutCommand(this);
            case "rm" -> new RmCommand(this);
            case "mv" -> new MvCommand(this);
            case "incr" -> new IncrCommand(this);
            case "find" -> new FindCommand(this);
            case "count" -> new CountCommand(this);
            case "explain" -> new ExplainCommand(this);
            case "index" -> new IndexCommand(this);
            case "export" -> new ExportCommand(this);
            case "import" -> new ImportCommand(this);
            case "check" -> new CheckCommand(this);
            case "stats" -> new StatsCommand(this);
            default -> null;
        };
    }

    boolean json() {
        return jsonOption.getValue();
    }

    public static void main(String[] args) {
        Timing.start();
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8);
        int code = new Main(System.in, out, err, System.getenv(), Path.of(""), "1".equals(System.getProperty("jdirs.tty")))
                .run(args);
        Timing.report(err);
        System.exit(code);
    }

    /** Runs a command line and returns its exit code. */
    int run(String... args) {
        CommandLine cl = commandLine(args)
                .setOut(new PrintWriter(new OutputStreamWriter(out, UTF_8), true))
                .setErr(new PrintWriter(new OutputStreamWriter(err, UTF_8), true))
                .setExecutionExceptionHandler(this)
                .setParameterExceptionHandler(this);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
        }
    }

    /**
     * The command line with the command that {@code args} name, or with all of them when they name none of
     * jdirs' own (for help, completion, and picocli's messages). Building a command's model takes time at
     * start-up, and a short command needs only its own.
     */
    private CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(spec).setStopAtUnmatched(true);
        Command named = null;
        try {
            List<String> rest = cl.parseArgs(args).unmatched();
            named = rest.isEmpty() ? null : command(rest.get(0));
        } catch (ParameterException e) {
            // parsed again below, and reported then
        }
        cl.setStopAtUnmatched(false).setUnmatchedArgumentsAllowed(false); // which the first call set
        if (named != null) {
            return cl.addSubcommand(named.spec.name(), named.spec);
        }
        for (String name : COMMANDS) {
            cl.addSubcommand(name, command(name).spec);
        }
        return cl.addSubcommand(new CommandLine.HelpCommand()).addSubcommand(new AutoComplete.GenerateCompletion());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "no command given");
    }

    /** Opens the database of this command line: --db, else $JDIRS_DB, else the nearest enclosing one. */
    Database open() {
        return Database.open(databaseDir(), settings());
    }

    /** The database settings given with -o. */
    Options settings() {
        Options o = Options.defaults();
        Map<String, String> given = settingsOption.getValue();
        if (given != null) { // picocli makes the map at the first -o
            for (Map.Entry<String, String> e : given.entrySet()) {
                o = o.set(e.getKey(), e.getValue());
            }
        }
        return o;
    }

    private Path databaseDir() {
        String db = dbOption.getValue();
        if (db != null) {
            return requireDatabase(Path.of(db));
        }
        String named = env.get("JDIRS_DB");
        if (named != null && !named.isEmpty()) {
            return requireDatabase(Path.of(named));
        }
        for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isDatabase(dir)) {
                return dir;
            }
        }
        throw new Failure(Failure.NOT_FOUND, "no jdirs database in " + cwd.toAbsolutePath()
                + " or above it; name one with --db DIR or $JDIRS_DB");
    }

    private static Path requireDatabase(Path dir) {
        if (!isDatabase(dir)) {
            throw new Failure(Failure.NOT_FOUND, dir + ": not a jdirs database (it has no .jdirs/format)");
        }
        return dir;
    }

    static boolean isDatabase(Path dir) {
        return Files.isRegularFile(dir.resolve(".jdirs").resolve("format"));
    }

    /** Ends a command that threw: one line on stderr (and the stack trace with --verbose), and its exit code. */
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        err.println("jdirs: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
        if (e instanceof QuerySyntaxException q) {
            err.println(caret(q.query(), q.position()));
        }
        if (verboseOption.<Boolean>getValue()) {
            e.printStackTrace(err);
        }
        return Failure.exitCode(e);
    }

    /** The line of a query where it went wrong, and a caret under the place. */
    static String caret(String query, int position) {
        int start = query.lastIndexOf('\n', position - 1) + 1;
        int end = query.indexOf('\n', position);
        StringBuilder under = new StringBuilder("  ");
        for (int i = start; i < position; i++) {
            under.append(query.charAt(i) == '\t' ? '\t' : ' ');
        }
        return "  " + query.substring(start, end < 0 ? query.length() : end) + "\n" + under + "^";
    }

    /** Ends a command line that does not parse: one line on stderr, exit code 2. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        err.println("jdirs: " + e.getMessage() + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName()
                + " --help')");
        return Failure.USAGE;
    }

    /** The version in the jar's manifest. */
    private static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"jdirs " + (v != null ? v : "(development build)")};
        }
    }
}
