package parkwait.status;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import parkwait.cli.Printable;
import parkwait.parse.Reject;
import parkwait.cli.LockReport;
import parkwait.lock.Ages;
import parkwait.store.RunRecord;
import parkwait.store.StoreStats;

/** The status screen for people: one screenful, sections in a fixed order, the verdict last. */
public final class StatusText {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int ERROR_WIDTH = 160;
    private static final int FILES_SHOWN = 5;
    private static final int LIST_SHOWN = 5;

    private StatusText() {
    }

    /** The whole screen; times in {@code zone} (the machine's zone for people). */
    public static String render(StatusReport r, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        StatusReport.Settings s = r.settings();
        b.append("Output folder: ").append(s.outputBase()).append('\n');
        b.append("Database:      ").append(s.databaseFile());
        r.database().ifPresent(db -> b.append(" (").append(bytes(db.sizeBytes())).append(')'));
        if (r.database().isEmpty() && r.databaseError() == null) b.append(" (not created yet)");
        b.append("\n\n== Run lock ==\n");
        b.append(LockReport.text(r.lock(), r.now()));
        // An unreadable database is said once, in the verdict's "Next:" line below.
        if (r.database().isPresent()) {
            runs(b, r, zone);
            files(b, r, zone);
            parks(b, r);
            gaps(b, r);
            rejects(b, r);
        }
        b.append('\n').append(r.health().line()).append('\n');
        for (Health.Problem p : r.health().problems()) b.append("Next: ").append(p.advice()).append('\n');
        return b.toString();
    }

    private static void runs(StringBuilder b, StatusReport r, ZoneId zone) {
        b.append("\n== Last runs ==\n");
        if (r.shownRuns().isEmpty()) {
            b.append(r.runs().isEmpty() ? "No run recorded yet.\n" : "(none shown: --runs 0)\n");
            return;
        }
        b.append(String.format("%-19s  %-10s  %-10s  %4s  %-22s  %s%n", "Started (local)", "Duration", "Outcome",
                "Exit", "Files loaded/skip/fail", "Rows new/records read"));
        for (StatusReport.RunView v : r.shownRuns()) {
            RunRecord run = v.run();
            String outcome = switch (v.state()) {
                case FINISHED -> run.outcome() == null ? "?" : run.outcome();
                case RUNNING -> "running";
                case UNFINISHED -> "unfinished";
            };
            b.append(String.format("%-19s  %-10s  %-10s  %4s  %-22s  %s%n", LOCAL.format(run.startedAt().atZone(zone)),
                    v.duration() == null ? "-" : duration(v.duration()), outcome,
                    run.exitCode() == null ? "-" : run.exitCode().toString(),
                    run.filesNew() + "/" + run.filesSkipped() + "/" + run.filesFailed(),
                    run.rowsNew() + "/" + run.rowsSeen()));
        }
    }

    private static void files(StringBuilder b, StatusReport r, ZoneId zone) {
        StoreStats.Snapshot db = r.database().orElseThrow();
        b.append("\n== Source files ==\n");
        b.append("Loaded:    ").append(db.filesLoaded()).append('\n');
        b.append("Failed:    ").append(db.filesFailed()).append(db.filesFailed() == 0 ? "\n" : " (retried by the next run)\n");
        for (StatusReport.FailedView f : r.failedFiles()) {
            StoreStats.FailedFile file = f.file();
            b.append("  ").append(file.key()).append(": failed ").append(file.failureCount())
                    .append(file.failureCount() == 1 ? " time" : " times");
            if (file.failedAt() != null) b.append(", last at ").append(LOCAL.format(file.failedAt().atZone(zone)));
            if (f.atRetryLimit()) b.append(", at the retry limit");
            b.append('\n').append("    ").append(shorten(file.lastError())).append('\n');
        }
        b.append("Given up:  ").append(r.givenUp()).append(" (failed ").append(r.settings().maxFailures())
                .append("+ times: skipped while last modified over ").append(r.settings().skipFailedAfter().toDays())
                .append(" days ago)\n");
        if (db.dirtyPartitions() > 0) b.append("Pending:   ").append(db.dirtyPartitions()).append(" partition CSVs to rewrite\n");
    }

    private static void parks(StringBuilder b, StatusReport r) {
        b.append("\n== Parks (STALE: newest observation older than ").append(AgeWords.of(r.settings().staleAfter()))
                .append(") ==\n");
        if (r.parks().isEmpty()) {
            b.append("No rows loaded yet.\n");
            return;
        }
        b.append(String.format("%-5s  %10s  %-11s  %-25s  %s%n", "Park", "Rows", "Newest date", "Newest observed_at", "Age"));
        for (StatusReport.ParkFreshness p : r.parks()) {
            StoreStats.ParkRows rows = p.rows();
            b.append(String.format("%-5s  %10d  %-11s  %-25s  %s%s%n", rows.park(), rows.rows(), rows.newestParkDate(),
                    rows.newestObservedAt() == null ? "-" : rows.newestObservedAt(),
                    p.age() == null ? "-" : AgeWords.of(p.age()), p.stale() ? "  STALE" : p.future() ? "  FUTURE" : ""));
        }
    }

    private static void gaps(StringBuilder b, StatusReport r) {
        b.append("\n== Gaps (park days without rows between a park's first and last day; thin: under 1/")
                .append(Gaps.THIN_DIVISOR).append(" of its median rows per day) ==\n");
        if (r.gaps().isEmpty()) {
            b.append("No rows loaded yet.\n");
            return;
        }
        for (Gaps g : r.gaps()) {
            b.append(String.format("%-5s  %s..%s  ", g.park(), g.first(), g.last()));
            if (g.none()) {
                b.append("no gaps\n");
                continue;
            }
            b.append(g.missingDays()).append(g.missingDays() == 1 ? " missing day" : " missing days").append(" in ")
                    .append(g.missing().size()).append(g.missing().size() == 1 ? " gap, " : " gaps, ")
                    .append(g.thin().size()).append(g.thin().size() == 1 ? " thin day" : " thin days")
                    .append(" (median ").append(g.median()).append(g.median() == 1 ? " row a day)\n" : " rows a day)\n");
            if (!g.missing().isEmpty()) b.append("       missing: ").append(newest(g.missing().stream().map(Object::toString).toList())).append('\n');
            if (!g.thin().isEmpty()) b.append("       thin:    ").append(newest(g.thin().stream()
                    .map(t -> t.date() + " (" + t.rows() + (t.rows() == 1 ? " row)" : " rows)")).toList())).append('\n');
        }
    }

    /** The first few entries (newest first) and how many more there are. */
    private static String newest(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(LIST_SHOWN, items.size())));
        return items.size() > LIST_SHOWN ? shown + " and " + (items.size() - LIST_SHOWN) + " more" : shown;
    }

    /** Rejected records by reason, and the files with the most, so a reader knows where to look. */
    private static void rejects(StringBuilder b, StatusReport r) {
        List<StoreStats.FileRejects> files = r.database().orElseThrow().rejectedByFile();
        long total = files.stream().mapToLong(StoreStats.FileRejects::rejected).sum();
        b.append("\n== Rejected records (loaded files) ==\n");
        if (files.isEmpty()) {
            b.append("None.\n");
            return;
        }
        b.append("By reason: ").append(reasons(r.rejectedByReason())).append('\n');
        b.append("Total:     ").append(total).append(" in ").append(files.size()).append(files.size() == 1 ? " file" : " files")
                .append("; the rows themselves: status.java --rejects [KEY]\n");
        for (StoreStats.FileRejects f : files.subList(0, Math.min(FILES_SHOWN, files.size()))) {
            b.append(String.format("%8d  %s (%s)%n", f.rejected(), Printable.of(f.key()), reasons(f.byReason())));
        }
        if (files.size() > FILES_SHOWN) b.append("    and ").append(files.size() - FILES_SHOWN).append(" more files (--json lists all)\n");
    }

    /** "short row 3, offline (-999) 7", in the enum's order. */
    static String reasons(Map<Reject, Long> byReason) {
        List<String> parts = new ArrayList<>();
        for (Reject reason : Reject.values()) {
            long n = byReason.getOrDefault(reason, 0L);
            if (n > 0) parts.add(reason.label() + " " + n);
        }
        return String.join(", ", parts);
    }

    static String bytes(long n) {
        if (n < 1024) return n + " bytes";
        if (n < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
        if (n < 1024L * 1024 * 1024) return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
        return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
    }

    private static String duration(Duration d) {
        if (d.toMillis() < 60_000) return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        return Ages.human(d);
    }

    /** One line of an error, so the screen stays a screen; --json has it whole. */
    private static String shorten(String error) {
        if (error == null) return "(no error text recorded)";
        String one = error.replaceAll("\\s+", " ").trim();
        return one.length() <= ERROR_WIDTH ? one : one.substring(0, ERROR_WIDTH - 3) + "...";
    }
}
