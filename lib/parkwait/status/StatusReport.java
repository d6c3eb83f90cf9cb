package parkwait.status;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import parkwait.lock.RunLock;
import parkwait.lock.LockInfo;
import parkwait.lock.Verdict;
import parkwait.lock.Words;
import parkwait.parse.Reject;
import parkwait.store.RunRecord;
import parkwait.store.StoreException;
import parkwait.store.StoreStats;

/**
 * Everything status.java shows, collected once, read-only: the lock verdict, what the database
 * says (or why it cannot say it), and the conclusions drawn from both (freshness per park, the
 * state of each run, the one-line {@link Health}). Rendering is {@link StatusText} and
 * {@link StatusJson}; this class never prints.
 *
 * @param databaseError why the database could not be read (a sentence saying what to do), or null
 * @param gaps          per park, the days without rows and the thin days
 */
public record StatusReport(Instant now, Settings settings, RunLock.Inspection lock,
                           Optional<StoreStats.Snapshot> database, String databaseError, List<RunView> runs,
                           List<ParkFreshness> parks, List<FailedView> failedFiles, Health health, List<Gaps> gaps) {

    /**
     * What to look at and the thresholds.
     *
     * @param runs        how many of the latest runs to show
     * @param staleAfter  a park whose newest observation is older than this is STALE
     * @param maxFailures config max_failures: a file that failed this often is given up once old (DESIGN 4.6)
     * @param skipFailedAfter config skip_failed_older_than_days, for the wording
     * @param busyTimeout how long to wait while a run commits
     */
    public record Settings(Path outputBase, Path stateDir, int runs, Duration staleAfter, int maxFailures,
                           Duration skipFailedAfter, Duration busyTimeout) {
        public Settings {
            Objects.requireNonNull(outputBase, "outputBase");
            Objects.requireNonNull(stateDir, "stateDir");
            if (runs < 0) throw new IllegalArgumentException("runs must be >= 0: " + runs);
        }

        public Path databaseFile() {
            return StoreStats.databaseFile(stateDir);
        }
    }

    /** How a recorded run stands. */
    public enum RunState {
        /** It has an end time. */
        FINISHED,
        /** No end yet, and its process holds the lock now. */
        RUNNING,
        /** No end, and it is not the lock's live holder: it crashed, was killed, or stopped on an error. */
        UNFINISHED
    }

    /** One run with its state and duration (to its end, or to now while running). */
    public record RunView(RunRecord run, RunState state, Duration duration) {
    }

    /**
     * One park's rows and whether they are fresh. {@code age} is null when the newest instant is unknown.
     * {@code future}: the newest observation lies more than {@link #FUTURE_SLACK} ahead, so some source
     * carries wrong dates and the park looks fresher than it is.
     */
    public record ParkFreshness(StoreStats.ParkRows rows, Duration age, boolean stale, boolean future) {
    }

    /** Room for clocks and time zones before an observation counts as dated in the future. */
    static final Duration FUTURE_SLACK = Duration.ofDays(1);

    /** A failed file; {@code atRetryLimit}: failed max_failures times or more (given up once old). */
    public record FailedView(StoreStats.FailedFile file, boolean atRetryLimit) {
    }

    /**
     * Reads the lock and the database and draws the conclusions. Never writes, never creates a
     * file or folder, and never throws for an unreadable database: that becomes a problem in
     * {@link #health()}.
     */
    public static StatusReport collect(Settings settings, RunLock lock, Clock clock) {
        return collect(settings, lock, clock, settings.runs());
    }

    /** The same, reading up to {@code runsRead} runs ({@link #runs()}) while {@link #shownRuns()} stays at the setting. */
    public static StatusReport collect(Settings settings, RunLock lock, Clock clock, int runsRead) {
        RunLock.Inspection inspection = lock.inspect();
        Optional<StoreStats.Snapshot> db = Optional.empty();
        String error = null;
        try {
            // At least one run, even with --runs 0: the verdict line speaks of the last run.
            db = StoreStats.read(settings.databaseFile(), Math.max(1, Math.max(runsRead, settings.runs())), settings.busyTimeout());
        } catch (StoreException e) {
            error = e.getMessage();
        }
        return of(settings, inspection, db, error, clock.instant());
    }

    /** Draws the conclusions from what was read; pure, for tests. */
    public static StatusReport of(Settings settings, RunLock.Inspection lock, Optional<StoreStats.Snapshot> db,
                                  String databaseError, Instant now) {
        List<RunView> runs = db.map(s -> runViews(s.runs(), lock.verdict(), now)).orElse(List.of());
        List<ParkFreshness> parks = new ArrayList<>();
        List<FailedView> failed = new ArrayList<>();
        db.ifPresent(s -> {
            for (StoreStats.ParkRows p : s.parks()) {
                Duration age = p.newestObserved() == null ? null : Duration.between(p.newestObserved(), now);
                boolean future = age != null && age.negated().compareTo(FUTURE_SLACK) > 0;
                parks.add(new ParkFreshness(p, age, age == null || age.compareTo(settings.staleAfter()) > 0, future));
            }
            for (StoreStats.FailedFile f : s.failedFiles()) {
                failed.add(new FailedView(f, f.failureCount() >= settings.maxFailures()));
            }
        });
        Health health = Health.judge(settings, lock.verdict(), db, databaseError, runs, parks, failed, now);
        List<Gaps> gaps = db.map(s -> Gaps.of(s.days())).orElse(List.of());
        return new StatusReport(now, settings, lock, db, databaseError, List.copyOf(runs), List.copyOf(parks),
                List.copyOf(failed), health, gaps);
    }

    /** The runs to show: the latest {@code settings.runs()}, newest first. */
    public List<RunView> shownRuns() {
        return runs.subList(0, Math.min(settings.runs(), runs.size()));
    }

    /** Rejected records of the loaded versions of all files, by reason in the enum's order (offline included). */
    public Map<Reject, Long> rejectedByReason() {
        Map<Reject, Long> total = new EnumMap<>(Reject.class);
        database.ifPresent(db -> db.rejectedByFile().forEach(f -> f.byReason().forEach((r, n) -> total.merge(r, n, Long::sum))));
        return total;
    }

    /** Failed files that reached the retry limit. */
    public long givenUp() {
        return failedFiles.stream().filter(FailedView::atRetryLimit).count();
    }

    private static List<RunView> runViews(List<RunRecord> runs, Verdict lock, Instant now) {
        List<RunView> views = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            if (r.endedAt() != null) {
                views.add(new RunView(r, RunState.FINISHED, Duration.between(r.startedAt(), r.endedAt())));
            } else if (i == 0 && heldBy(lock, r)) {
                views.add(new RunView(r, RunState.RUNNING, Duration.between(r.startedAt(), now)));
            } else {
                views.add(new RunView(r, RunState.UNFINISHED, null));
            }
        }
        return views;
    }

    /** Whether the live lock holder is this run's process (an unreadable live record counts for the newest run). */
    private static boolean heldBy(Verdict lock, RunRecord r) {
        if (!(lock instanceof Verdict.Held || lock instanceof Verdict.HeldRemote)) return false;
        LockInfo holder = Words.holderOf(lock);
        return holder == null || (holder.pid() == r.pid() && Objects.equals(holder.host(), r.host()));
    }
}
