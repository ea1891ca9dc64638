package io.jdirs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end of the report: where jdirs stands against each target of the issue, and where it loses and why. */
final class Verdict {
    private static final String SQLITE_WAL = Peer.SQLITE_WAL;

    private final Results ref;
    private final List<Results> all;
    private final StringBuilder md;

    Verdict(Results ref, List<Results> all, StringBuilder md) {
        this.ref = ref;
        this.all = all;
        this.md = md;
    }

    void write() {
        line("## Where jdirs stands");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        Results.Row sqliteRead = fastest(Bench.JMH_OPERATION, SQLITE_WAL, "sqlite rollback");
        target("Point read, repeated: at least 10× SQLite's point read by primary key",
                Bench.JMH_OPERATION, sqliteRead, 10);
        target("Point read, first from disk: within 1.25× of reading the user's files directly",
                "read-first", ref.row("read-first", Peer.LIMIT), 1 / 1.25);
        target("Durable update, 1 thread: at least half of SQLite WAL synchronous=FULL", "update",
                ref.row("update", SQLITE_WAL), 0.5);
        target("Durable update, 8 threads: more than SQLite WAL synchronous=FULL (group commit)", "update-8",
                ref.row("update-8", SQLITE_WAL), 1.0000001);
        target("Full scan from disk: within 1.25× of reading the needed files directly", "scan",
                ref.row("scan", Peer.LIMIT), 1 / 1.25);
        target("Bulk load: within 1.25× of creating the same files directly", Operation.LOAD,
                ref.row(Operation.LOAD, Peer.LIMIT), 1 / 1.25);
        open();
        target("`age > 50` count with an index: no slower than SQLite with an index", Peer.JDIRS_INDEXED,
                Operation.COUNT, ref.row(Operation.COUNT, "sqlite WAL FULL indexed"), 1);
        target("CGI-style `jdirs get` process: at most 1.5× a bare `java Hello` on the same JVM", Peer.JDIRS,
                Operation.PROCESS, ref.row(Operation.PROCESS, Peer.HELLO), 1 / 1.5);
        line("");
        loses();
    }

    /** A target on jdirs' rate relative to another row's: met when jdirs ÷ other ≥ {@code least}. */
    private void target(String what, String op, Results.Row other, double least) {
        target(what, Peer.JDIRS, op, other, least);
    }

    private void target(String what, String self, String op, Results.Row other, double least) {
        Results.Row jdirs = ref.row(op, self);
        if (jdirs == null || other == null) {
            return;
        }
        double ratio = jdirs.median() / other.median();
        line("| %s | %s %s %s, %s: %s (%s %s) | %s |", what, self, Report.rate(jdirs.median()), unit(op), other.peer(),
                Report.rate(other.median()), Report.times(ratio), ratio >= 1 ? "as fast" : "the speed",
                ratio >= least ? "**yes**" : "no");
    }

    private void open() {
        Results largest = all.get(all.size() - 1);
        Results.Row open = largest.row("open", Peer.JDIRS);
        if (open == null) {
            return;
        }
        double ms = 1000 / open.median();
        boolean million = largest.size() >= 1_000_000;
        line("| Open: a 1,000,000-user database opens in under 10 ms | %s at %,d users%s | %s |",
                Report.duration(ms / 1000), largest.size(), million ? "" : " (1,000,000: not measured in this report; "
                        + "opening reads one file whatever the size)", million ? (ms < 10 ? "**yes**" : "no")
                        : "not measured");
    }

    private Results.Row fastest(String op, String... peers) {
        Results.Row best = null;
        for (String p : peers) {
            Results.Row r = ref.row(op, p);
            if (r != null && (best == null || r.median() > best.median())) {
                best = r;
            }
        }
        return best;
    }

    private void loses() {
        line("## Where jdirs loses and why");
        line("");
        for (String op : Report.order()) {
            for (String self : List.of(Peer.JDIRS, Peer.JDIRS_INDEXED)) {
                loses(op, self);
            }
        }
        line("");
    }

    /** Where jdirs (with or without indexes) loses in one operation: the peers faster, its share of the limit, why. */
    private void loses(String op, String self) {
        Results.Row jdirs = ref.row(op, self);
        if (jdirs == null) {
            return;
        }
        List<String> faster = new ArrayList<>();
        String share = "";
        for (Peer p : Peer.ALL) {
            Results.Row r = ref.row(op, p.name());
            if (r == null || !p.versus().equals(self) || p.durability() == Peer.Durability.RELAXED) {
                continue;
            }
            if (p.isLimit()) {
                share = String.format(Locale.ROOT, " %s runs at %.0f%% of the rate of its own file operations issued "
                        + "directly (the limit).", self, 100 * jdirs.median() / r.median());
            } else if (r.median() > jdirs.median()) {
                faster.add(String.format(Locale.ROOT, "%s %s faster", p.name(), Report.times(r.median() / jdirs.median())));
            }
        }
        boolean indexed = self.equals(Peer.JDIRS_INDEXED);
        if (!faster.isEmpty() || !share.isEmpty()) {
            line("- **%s%s**: %s.%s %s", Report.title(op), indexed ? ", with indexes" : "", faster.isEmpty()
                    ? "no durable peer is faster" : String.join(", ", faster), share, why(op, indexed));
        }
    }

    /** Why jdirs costs what it costs in an operation, with the counts of its file operations. */
    private String why(String op, boolean indexed) {
        String calls = calls(op, indexed);
        if (indexed) {
            return whyIndexed(op, calls);
        }
        return switch (op) {
            case Operation.LOAD -> "Each user is a directory and six files: seven file system entries to create, "
                    + "each an inode and a directory entry" + calls + ", where SQLite and MVStore add one row to a page "
                    + "written once per transaction. The limit row is the file system's own price for that; only a "
                    + "format with fewer files per object (against the point of jdirs) or a faster file system moves it.";
            case "read-first" -> "A first read lists the user's directory, stats its entries and opens and reads six "
                    + "files" + calls + ", where SQLite or MVStore read a page of one file they hold open; the file "
                    + "system's price per open file is the floor.";
            case Bench.JMH_OPERATION -> "A cached read still runs a read transaction: a snapshot, a check of the change "
                    + "index per attribute, and six cached values mapped onto a record; MVStore returns one cached "
                    + "string, which is then split.";
            case "update", "transfer" -> "A commit first lists each changed user's directory and reads the old value "
                    + "(an unchanged value is not written; what was read is validated at commit), then, like SQLite's "
                    + "WAL, appends the journal and fsyncs it once; then it appends the change log and writes each "
                    + "changed attribute to a temporary file renamed over the old one" + calls + ", where SQLite "
                    + "appends pages to one open file. " + slowest(op);
            case "update-8" -> "jdirs shares one journal fsync among the threads committing at once (group commit), "
                    + "but each commit still makes its own thirty-odd file operations (see *update*), while SQLite's "
                    + "writers take turns on its write lock, each with its own fsync, and its busy handler sleeps while "
                    + "it waits. " + slowest(op);
            case "scan" -> "A scan lists `users/` and then reads each user as a first read does, seven opened files and "
                    + "directories per user, where SQLite and MVStore read one file sequentially.";
            case Operation.COUNT, "fetch", "lookup" -> "Without an index every user is visited: jdirs streams the names "
                    + "of `users/` and, from its cache, takes each user's listing and the values the query compares "
                    + "(and, for a fetch, the six it returns), each a lookup by path and a check that no commit changed "
                    + "it; what it cached more than `revalidateAfter` (1 s) ago it checks with a stat" + calls
                    + ", where SQLite compares a column of the rows of its table's pages. A query without an index reads "
                    + "no file twice in a process, so the limit, which reads the files at each query, is no ceiling "
                    + "here: its row is what a query costs when the cache is cold.";
            case Operation.COUNT_FIRST -> "A freshly opened jdirs has an empty cache: its first count lists `users/`, "
                    + "then each user's directory, and reads each `age.int`" + calls + ", where the limit reads "
                    + "the `age.int` files by name and SQLite reads its pages.";
            case Operation.PROCESS -> "A `jdirs get` process is mostly a JVM starting and loading the command line's "
                    + "classes (*CLI start-up* below says where the time goes); the lookup itself is a few "
                    + "milliseconds. The limit row, a JVM with the same flags that opens the database's files as jdirs "
                    + "does and reads the attribute, is what the files add to `java Hello`.";
            default -> "";
        };
    }

    /** Why jdirs with indexes costs what it costs in a query. */
    private String whyIndexed(String op, String calls) {
        return switch (op) {
            case Operation.COUNT -> "A count that the index decides reads no node: it takes the index's leaves (from its "
                    + "cache once read) from the first that may hold `age > 50`, and counts each leaf's stretch of the "
                    + "range by two binary searches, where SQLite counts the entries of its b-tree's pages. But each "
                    + "count finds each leaf again by its path in the cache and compares in Java objects made anew "
                    + "(Where the query time goes), and each query is planned anew (see *lookup*). The limit reads the leaf files at each count, which "
                    + "jdirs' cache spares it, so it is no ceiling here; " + firstQuery();
            case "fetch" -> "A fetch finds the users in the index as the count does, then takes each one's listing and "
                    + "six values from the cache into a row, each a lookup by path and a check that no commit changed "
                    + "it, where SQLite reads each row from its table by rowid. The limit reads every file again at "
                    + "each query.";
            case "lookup" -> "A lookup in a unique index reads one leaf, but each query is planned anew: the index "
                    + "definitions read, the value in the query read as every type it could compare as (a string in "
                    + "quotes also as a number, a date, a time), an index chosen and the text of its explanation "
                    + "written, where SQLite runs a prepared statement" + calls + ".";
            case Operation.COUNT_FIRST -> "The first query of a process that uses an index checks the index against "
                    + "the files (docs/QUERIES.md, \"Indexes and hand edits\"): it reads every leaf of the index and "
                    + "stats each user's directory and indexed file" + calls + ", where the limit reads the manifest and "
                    + "the leaves the range needs; " + firstQuery();
            default -> "";
        };
    }

    /** What jdirs' first query with an index costs more than the next ones, from the two counts' rows. */
    private String firstQuery() {
        Results.Row first = ref.row(Operation.COUNT_FIRST, Peer.JDIRS_INDEXED);
        Results.Row warm = ref.row(Operation.COUNT, Peer.JDIRS_INDEXED);
        if (first == null || warm == null) {
            return "the first query of a process costs more (see *first in a process*).";
        }
        return String.format(Locale.ROOT, "the first count of a process took %s, %s more than the next ones, the "
                + "check growing with the number of users (see Scale).", Report.duration(1 / first.median()),
                Report.duration(1 / first.median() - 1 / warm.median()));
    }

    /**
     * The slowest jdirs commit; one over a second is a journal checkpoint, whose cost is explained, with
     * the limit's when it paid one too.
     */
    private String slowest(String op) {
        Results.Row r = ref.row(op, Peer.JDIRS);
        if (r == null || r.slowestMillis() == null) {
            return "";
        }
        String slowest = String.format(Locale.ROOT, "The slowest jdirs commit took %s", Report.duration(r.slowestMillis() / 1000));
        if (r.slowestMillis() < 1000) {
            return slowest + ".";
        }
        Results.Row limit = ref.row(op, Peer.LIMIT);
        return slowest + ": the commit that checkpoints the journal fsyncs every file and directory its records wrote "
                + "(after 4,096 commits of the process or 8 MiB of journal, a whole bulk load of the same process or an "
                + "earlier one included) while the commits of other threads wait"
                + (r.failures() > 0 ? String.format(Locale.ROOT, ", and %,d of them gave up with `BusyException` after "
                + "`lockTimeout` (10 s)", r.failures()) : "")
                + (limit != null && limit.slowestMillis() != null && limit.slowestMillis() >= 1000
                ? String.format(Locale.ROOT, ". The limit, which checkpoints the same way, stalled for %s; with runs of "
                + "%s s, the medians of both depend on which runs a checkpoint falls in",
                Report.duration(limit.slowestMillis() / 1000), Report.fmt(ref.seconds())) : "") + ".";
    }

    /** The system calls of jdirs and the limit in one operation, from the trace, as a parenthesis. */
    private String calls(String op, boolean indexed) {
        String probe = switch (op) {
            case Operation.LOAD -> "load, " + Probe.BATCH + " users in one transaction";
            case "read-first" -> "read, first";
            case "update" -> "update";
            case "transfer" -> "transfer";
            case Operation.COUNT -> "count, " + Probe.SIZE + " users";
            case Operation.COUNT_FIRST -> "count, first after open";
            case "lookup" -> "lookup";
            default -> null;
        };
        Map<String, Integer> jdirs = counts(indexed ? Peer.JDIRS_INDEXED : Peer.JDIRS, probe);
        Map<String, Integer> limit = counts(indexed ? Peer.LIMIT_INDEXED : Peer.LIMIT, probe);
        Map<String, Integer> sqlite = counts(indexed ? "sqlite WAL FULL indexed" : SQLITE_WAL, probe);
        if (jdirs == null) {
            return "";
        }
        String per = op.equals(Operation.LOAD) ? " per " + Probe.BATCH + " users"
                : probe.startsWith("count") ? String.format(Locale.ROOT, " to count %,d users", Probe.SIZE) : "";
        return String.format(Locale.ROOT, " (%d system calls%s, of which %d opens and %d stats%s%s)",
                FileOps.total(jdirs), per,
                jdirs.get("open"), jdirs.get("stat"),
                limit == null ? "" : String.format(Locale.ROOT, "; the limit makes %d, %d of them stats", FileOps.total(limit),
                        limit.get("stat")),
                sqlite == null ? "" : String.format(Locale.ROOT, "; SQLite %d", FileOps.total(sqlite)));
    }

    private Map<String, Integer> counts(String peer, String probe) {
        return probe == null ? null : ref.fileOps().stream().filter(c -> c.peer().equals(peer))
                .map(c -> c.byOperation().get(probe)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static String unit(String op) {
        return op.equals(Bench.JMH_OPERATION) ? "reads/s" : Operation.named(op).unit();
    }

    private void line(String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
