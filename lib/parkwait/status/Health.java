package parkwait.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import parkwait.cli.LockReport;
import parkwait.cli.Printable;
import parkwait.parse.Reject;
import parkwait.lock.Verdict;
import parkwait.store.RunRecord;
import parkwait.store.StoreStats;

/**
 * The answer to "is the data fresh and is anything wrong?": a level, the problems found (each
 * with what to do next) and one line for people, e.g. "OK: data fresh to 2024-05-01, last run ok
 * 3 h ago" or "ATTENTION: 2 files failed; wdw data is 5 days old".
 */
public record Health(Level level, List<Problem> problems, String line) {

    /** OK: fresh and nothing wrong. ATTENTION: something needs a look. NO_DATA: no database yet. */
    public enum Level { OK, ATTENTION, NO_DATA }

    /** One thing wrong: a few words for the verdict line, and a sentence saying what to do. */
    public record Problem(String summary, String advice) {
    }

    static final String NO_DATABASE = "No database yet: run ingest.java first.";
    private static final int FILES_PARKS = 5;

    static Health judge(StatusReport.Settings settings, Verdict lock, Optional<StoreStats.Snapshot> db, String dbError,
                        List<StatusReport.RunView> runs, List<StatusReport.ParkFreshness> parks,
                        List<StatusReport.FailedView> failed, Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (lock instanceof Verdict.Unusable) {
            problems.add(new Problem("the run lock cannot be used", lock.why() + ". " + LockReport.advice(lock)));
        } else if (lock instanceof Verdict.Held h && h.possiblyHung()) {
            problems.add(new Problem("the running ingest may be hung (" + AgeWords.of(h.heldFor()) + ")", LockReport.advice(lock)));
        }
        if (dbError != null) {
            problems.add(new Problem("the database cannot be read", dbError));
            return new Health(Level.ATTENTION, List.copyOf(problems), "ATTENTION: " + summaries(problems));
        }
        if (db.isEmpty()) {
            String line = problems.isEmpty() ? NO_DATABASE : NO_DATABASE + " Also: " + summaries(problems) + ".";
            return new Health(Level.NO_DATA, List.copyOf(problems), line);
        }
        boolean running = !runs.isEmpty() && runs.get(0).state() == StatusReport.RunState.RUNNING;
        if (!failed.isEmpty()) {
            long givenUp = failed.stream().filter(StatusReport.FailedView::atRetryLimit).count();
            problems.add(new Problem(failed.size() + (failed.size() == 1 ? " file failed" : " files failed"),
                    "The next run retries them" + (givenUp == 0 ? "" : ", except those at the retry limit whose last change is"
                            + " over " + settings.skipFailedAfter().toDays() + " days old")
                    + ". Read the errors above; if a file keeps failing, check it at the source."));
        }
        stale(parks, settings).ifPresent(problems::add);
        future(parks).ifPresent(problems::add);
        mostlyRejected(db.get().rejectedByFile()).ifPresent(problems::add);
        if (!runs.isEmpty() && runs.get(0).state() == StatusReport.RunState.UNFINISHED) {
            problems.add(new Problem("the last run did not finish",
                    "It crashed, was killed or stopped on an error; what it committed is safe, and the next run"
                            + " finishes the work. See its log in logs/ for the reason, then run ingest.java."));
        }
        if (db.get().dirtyPartitions() > 0 && !running) {
            problems.add(new Problem(db.get().dirtyPartitions() + " partition CSVs are out of date",
                    "An interrupted run left them; the next run rewrites them. Run ingest.java to do it now."));
        }
        if (!problems.isEmpty()) return new Health(Level.ATTENTION, List.copyOf(problems), "ATTENTION: " + summaries(problems));
        return new Health(Level.OK, List.of(), "OK: " + okLine(parks, runs, now));
    }

    private static Optional<Problem> stale(List<StatusReport.ParkFreshness> parks, StatusReport.Settings settings) {
        List<StatusReport.ParkFreshness> old = parks.stream().filter(StatusReport.ParkFreshness::stale).toList();
        if (old.isEmpty()) return Optional.empty();
        String summary;
        if (old.size() <= 2) {
            summary = String.join(", ", old.stream().map(p -> (p.age() == null
                    ? p.rows().park() + " data has no readable newest time"
                    : p.rows().park() + " data is " + AgeWords.of(p.age()) + " old") + files(" (newest from ", p, ")")).toList());
        } else {
            // Many parks: one line must stay one line; the table above lists them all.
            StatusReport.ParkFreshness oldest = old.stream().filter(p -> p.age() != null)
                    .max(java.util.Comparator.comparing(StatusReport.ParkFreshness::age)).orElse(old.get(0));
            summary = old.size() + " of " + parks.size() + " parks have stale data (oldest: " + oldest.rows().park()
                    + (oldest.age() == null ? "" : ", " + AgeWords.of(oldest.age()) + " old") + ")";
        }
        return Optional.of(new Problem(summary,
                "Parks whose newest observation is older than " + AgeWords.of(settings.staleAfter()) + " are flagged STALE"
                        + " (change with --stale-after). Check that the scheduled runs happen and that the source has"
                        + " new exports for these parks" + (old.size() <= 2 ? "." : "; their newest rows came from: "
                        + String.join("; ", old.stream().limit(FILES_PARKS).map(p -> p.rows().park() + files(": ", p, "")).toList())
                        + (old.size() > FILES_PARKS ? "; and " + (old.size() - FILES_PARKS) + " more parks (status.java --json)." : "."))));
    }

    private static Optional<Problem> future(List<StatusReport.ParkFreshness> parks) {
        List<StatusReport.ParkFreshness> ahead = parks.stream().filter(StatusReport.ParkFreshness::future).toList();
        if (ahead.isEmpty()) return Optional.empty();
        // One line must stay one line: two parks by name, the table lists them all.
        String which = String.join(", ", ahead.stream().limit(2).map(p -> p.rows().park() + " (" + p.rows().newestParkDate()
                        + files(", in ", p, "") + ")").toList())
                + (ahead.size() > 2 ? " and " + (ahead.size() - 2) + " more" : "");
        return Optional.of(new Problem((ahead.size() == 1 ? "1 park has" : ahead.size() + " parks have")
                + " rows dated in the future: " + which,
                "The files named carry wrong dates, so these parks look fresher than they are. Correct them at the"
                        + " source; a changed file replaces its rows on the next run."));
    }

    /** Files that rejected at least half their records, offline markers aside: their format may have changed. */
    private static Optional<Problem> mostlyRejected(List<StoreStats.FileRejects> files) {
        List<StoreStats.FileRejects> bad = files.stream().filter(f -> {
            long broken = f.rejected() - f.byReason().getOrDefault(Reject.OFFLINE, 0L);
            return broken > 0 && broken * 2 >= f.records();
        }).toList();
        if (bad.isEmpty()) return Optional.empty();
        String which = String.join(", ", bad.stream().limit(2).map(f -> Printable.of(f.key()) + " (" + f.rejected() + " rejects in "
                + f.records() + " records)").toList()) + (bad.size() > 2 ? " and " + (bad.size() - 2) + " more" : "");
        return Optional.of(new Problem((bad.size() == 1 ? "1 file" : bad.size() + " files") + " rejected most of "
                + (bad.size() == 1 ? "its" : "their") + " records: " + which,
                "Such a file may have changed its format, or be broken at the source. Read its rejected records with"
                        + " status.java --rejects KEY (the section above lists the files); a corrected file replaces its"
                        + " rows on the next run."));
    }

    /** The newest files of a park as text, between {@code before} and {@code after}; "" when none is known. */
    private static String files(String before, StatusReport.ParkFreshness p, String after) {
        List<String> keys = p.rows().newestFiles();
        if (keys.isEmpty()) return "";
        String shown = String.join(", ", keys.stream().limit(2).map(Printable::of).toList());
        return before + shown + (keys.size() > 2 ? " and more" : "") + after;
    }

    private static String okLine(List<StatusReport.ParkFreshness> parks, List<StatusReport.RunView> runs, Instant now) {
        List<String> parts = new ArrayList<>();
        parks.stream().map(p -> p.rows().newestParkDate()).min(LocalDate::compareTo)
                .ifPresentOrElse(d -> parts.add("data fresh to " + d), () -> parts.add("no rows loaded yet"));
        if (runs.isEmpty()) {
            parts.add("no run recorded");
        } else {
            StatusReport.RunView last = runs.get(0);
            RunRecord r = last.run();
            if (last.state() == StatusReport.RunState.RUNNING) {
                parts.add("a run is going (started " + AgeWords.of(Duration.between(r.startedAt(), now)) + " ago)");
            } else {
                parts.add("last run " + r.outcome() + " " + AgeWords.of(Duration.between(r.endedAt(), now)) + " ago");
            }
        }
        return String.join(", ", parts);
    }

    private static String summaries(List<Problem> problems) {
        return String.join("; ", problems.stream().map(Problem::summary).toList());
    }
}
