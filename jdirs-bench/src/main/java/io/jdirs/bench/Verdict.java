package io.jdirs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The end of the report: where jdirs stands against each target of the issue, and where it loses and why. */
final class Verdict {
    private static final String SQLITE_WAL = "sqlite WAL FULL";

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
        Results.Row sqliteRead = fastest(Bench.JMH_OPERATION, "sqlite WAL FULL", "sqlite rollback");
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
        line("");
        line("The targets for the `age > 50` count with an index and for the `jdirs get` process wait for those "
                + "operations to be measured.");
        line("");
        loses();
    }

    /** A target on jdirs' rate relative to another row's: met when jdirs ÷ other ≥ {@code least}. */
    private void target(String what, String op, Results.Row other, double least) {
        Results.Row jdirs = ref.row(op, Peer.JDIRS);
        if (jdirs == null || other == null) {
            return;
        }
        double ratio = jdirs.median() / other.median();
        line("| %s | jdirs %s %s, %s: %s (%s %s) | %s |", what, Report.rate(jdirs.median()), unit(op), other.peer(),
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
            Results.Row jdirs = ref.row(op, Peer.JDIRS);
            if (jdirs == null) {
                continue;
            }
            List<String> faster = new ArrayList<>();
            for (Peer p : Peer.ALL) {
                Results.Row r = ref.row(op, p.name());
                if (r != null && p.durability() == Peer.Durability.DURABLE && !p.name().equals(Peer.LIMIT)
                        && r.median() > jdirs.median()) {
                    faster.add(String.format(Locale.ROOT, "%s %s faster", p.name(), Report.times(r.median() / jdirs.median())));
                }
            }
            Results.Row limit = ref.row(op, Peer.LIMIT);
            String share = limit == null ? "" : String.format(Locale.ROOT, " jdirs runs at %.0f%% of the rate of its own "
                    + "file operations issued directly (the limit).", 100 * jdirs.median() / limit.median());
            if (faster.isEmpty() && share.isEmpty()) {
                continue;
            }
            line("- **%s**: %s.%s %s", Report.title(op), faster.isEmpty() ? "no durable peer is faster"
                    : String.join(", ", faster), share, why(op));
        }
        line("");
    }

    /** Why jdirs costs what it costs in an operation, with the counts of its file operations. */
    private String why(String op) {
        String calls = calls(op);
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
            default -> "";
        };
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
    private String calls(String op) {
        String probe = switch (op) {
            case Operation.LOAD -> "load, " + Probe.BATCH + " users in one transaction";
            case "read-first" -> "read, first";
            case "update" -> "update";
            case "transfer" -> "transfer";
            default -> null;
        };
        Map<String, Integer> jdirs = counts(Peer.JDIRS, probe);
        Map<String, Integer> limit = counts(Peer.LIMIT, probe);
        Map<String, Integer> sqlite = counts(SQLITE_WAL, probe);
        if (jdirs == null) {
            return "";
        }
        return String.format(Locale.ROOT, " (%d system calls%s, of which %d opens and %d stats%s%s)",
                FileOps.total(jdirs), op.equals(Operation.LOAD) ? " per " + Probe.BATCH + " users" : "",
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
