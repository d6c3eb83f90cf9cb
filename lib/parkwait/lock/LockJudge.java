package parkwait.lock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import parkwait.lock.Verdict.StaleReason;

/**
 * The one verdict function of DESIGN 3.2, shared by ingest, lock.java and status.java.
 * Pure: it reads nothing itself; the caller says what is on disk and whether a process on this
 * host holds the operating-system lock.
 */
public final class LockJudge {
    /** Start times are compared with this slack: the OS reports them with tick precision. */
    static final Duration START_TIME_SLACK = Duration.ofSeconds(1);
    /** The predecessor wrote Start as local wall-clock text, so its comparison is generous. */
    static final Duration PREDECESSOR_START_SLACK = Duration.ofMinutes(2);

    private final ProcessFacts facts;
    private final LockSettings settings;

    public LockJudge(ProcessFacts facts, LockSettings settings) {
        this.facts = facts;
        this.settings = settings;
    }

    /** Whether a process on this host holds the OS lock, as far as the caller could tell. */
    public enum OsLock { HELD_BY_OTHER, NOT_HELD, UNKNOWN }

    /**
     * What is in the lock file's place.
     *
     * @param exists       a file or folder is at the path
     * @param isDirectory  it is a folder
     * @param record       the parsed record, when readable
     * @param problem      why there is no record (null when there is one)
     * @param lastModified the file's modification time, when known
     */
    public record Snapshot(boolean exists, boolean isDirectory, Optional<LockInfo> record, String problem,
                           Instant lastModified) {
        public static Snapshot absent() {
            return new Snapshot(false, false, Optional.empty(), null, null);
        }
    }

    /**
     * The verdict of the file lock, with what its guard file adds: when a process on this host
     * holds the OS lock, the guard names it, so a holder whose lock file was removed by hand, or
     * one that was cleared by force but still runs (paused, say), is reported by pid. Every reader
     * (ingest, lock.java, status.java) calls this with what it saw, so they agree.
     */
    Verdict judge(Snapshot s, OsLock os, GuardFile.Content guard, Instant now) {
        if (os != OsLock.HELD_BY_OTHER || guard.holder().isEmpty() || s.isDirectory()) return judge(s, os, now);
        LockInfo g = guard.holder().get();
        String pid = "pid " + g.pid();
        if (guard.fenced()) {
            return heldBy(g, now, pid + " was cleared by force and can commit nothing more, but it is still running and"
                    + " keeps the operating-system lock on " + FileRunLock.GUARD_FILE + ", so no run can start until it ends"
                    + " (end it with kill " + g.pid() + " or Task Manager; --clear --force cannot take that lock from a live process)",
                    false);
        }
        Optional<LockInfo> record = s.record();
        boolean ours = record.isPresent() && record.get().token() == g.token();
        if (guard.taking() && !ours) {
            return heldBy(g, now, pid + " is taking the lock right now" + record.map(r -> " (the lock file still names pid "
                    + r.pid() + ")").orElse(""), true);
        }
        if (ours) {
            Verdict v = judge(s, os, now);
            if (v instanceof Verdict.Held h && h.holder() != null) return v;
            // Windows: a process under another account cannot be opened, and a killed one keeps its
            // file locks for a moment; the OS lock decides, and a starting run retries a little.
            return new Verdict.Held(g, ageOf(g.acquiredAt(), now), false, pid + " holds the operating-system lock on "
                    + FileRunLock.GUARD_FILE + ", but this user cannot see that process: it runs under another account,"
                    + " or it ended a moment ago and the system has not released its lock yet", true);
        }
        if (!s.exists()) {
            return heldBy(g, now, pid + " holds the lock, but its lock file was removed by hand; it writes it again at"
                    + " its next heartbeat (to stop that run, end it with kill " + g.pid() + " or use lock.java --clear --force)", false);
        }
        if (record.isEmpty()) {
            return heldBy(g, now, "the lock file is unreadable (" + s.problem() + "), but " + pid
                    + " holds the operating-system lock", false);
        }
        return heldBy(g, now, pid + " is taking the lock over right now (the lock file still names pid "
                + record.get().pid() + ")", true);
    }

    private Verdict.Held heldBy(LockInfo g, Instant now, String why, boolean settling) {
        return new Verdict.Held(g, ageOf(g.acquiredAt(), now), false, why + pausedNote(g.pid()), settling);
    }

    /** Said of a live holder that is stopped (SIGSTOP, Ctrl-Z, a debugger): it holds the lock and does nothing. */
    private String pausedNote(long pid) {
        return facts.isStopped(pid) ? " (it is paused: resume it with kill -CONT " + pid + ", or end it with kill " + pid + ")" : "";
    }

    /** The verdict for what is on disk, at {@code now}. */
    public Verdict judge(Snapshot s, OsLock os, Instant now) {
        if (!s.exists()) {
            return os == OsLock.HELD_BY_OTHER
                    ? new Verdict.Held(null, Duration.ZERO, false, "a process on this host is taking the lock right now")
                    : new Verdict.Free("no run holds the lock");
        }
        if (s.isDirectory()) return folderInPlace();
        if (s.record().isEmpty()) return judgeUnreadable(s, os, now);
        LockInfo info = s.record().get();
        return info.host().equalsIgnoreCase(facts.hostName()) ? judgeLocal(info, os, now) : judgeRemote(info, s, now);
    }

    static Verdict.Unusable folderInPlace() {
        return new Verdict.Unusable("a folder is where the lock file should be",
                "remove that folder by hand (this program never creates it), then start again");
    }

    private Verdict judgeUnreadable(Snapshot s, OsLock os, Instant now) {
        Duration age = ageOf(s.lastModified(), now);
        return switch (os) {
            case HELD_BY_OTHER -> new Verdict.Held(null, age, false,
                    "the lock file is unreadable (" + s.problem() + "), but a process on this host holds the lock");
            case NOT_HELD -> new Verdict.Stale(null, StaleReason.UNREADABLE,
                    "the lock file is unreadable (" + s.problem() + ") and no process on this host holds the lock");
            // Cannot ask the OS (e.g. a read-only folder): the file's age is all there is.
            case UNKNOWN -> age.compareTo(settings.staleAfter()) < 0
                    ? new Verdict.HeldRemote(null, age, "the lock file is unreadable (" + s.problem()
                            + ") and was written " + Ages.human(age) + " ago; treated as held until it is "
                            + Ages.human(settings.staleAfter()) + " old")
                    : new Verdict.Stale(null, StaleReason.UNREADABLE, "the lock file is unreadable ("
                            + s.problem() + ") and was last written " + Ages.human(age) + " ago");
        };
    }

    private Verdict judgeLocal(LockInfo info, OsLock os, Instant now) {
        Verdict v = judgeLocalHolder(info, os, now);
        if (!info.isPredecessor()) return v;
        // DESIGN 4.7: say whose lock it is; the verdict itself follows the same rules.
        String why = "a lock left by the predecessor: " + v.why();
        if (v instanceof Verdict.Held h) return new Verdict.Held(h.holder(), h.heldFor(), h.possiblyHung(), why);
        if (v instanceof Verdict.Stale st) return new Verdict.Stale(st.holder(), st.reason(), why);
        return v;
    }

    private Verdict judgeLocalHolder(LockInfo info, OsLock os, Instant now) {
        Duration heldFor = ageOf(info.acquiredAt(), now);
        Optional<Instant> started = facts.startTimeIfAlive(info.pid());
        boolean alive = started.isPresent() || facts.isAlive(info.pid());
        // A newer holder that has the OS lock but has not yet written its record looks "dead" here; so
        // does, on Windows, a killed holder whose file lock the system releases a moment later.
        String takingOver = "; a process on this host holds the operating-system lock (a run taking it over right"
                + " now, or the lock of a process that ended a moment ago, released shortly)";
        if (!alive) {
            return os == OsLock.HELD_BY_OTHER
                    ? new Verdict.Held(null, Duration.ZERO, false, "the recorded holder, pid " + info.pid() + ", is not running" + takingOver, true)
                    : new Verdict.Stale(info, StaleReason.DEAD_HOLDER,
                            "pid " + info.pid() + " on " + info.host() + " is no longer running (it crashed or was killed)");
        }
        if (started.isPresent() && info.processStart() != null
                && Duration.between(info.processStart(), started.get()).abs().compareTo(START_TIME_SLACK) > 0) {
            return os == OsLock.HELD_BY_OTHER
                    ? new Verdict.Held(null, Duration.ZERO, false, "pid " + info.pid() + " now belongs to another program" + takingOver, true)
                    : new Verdict.Stale(info, StaleReason.PID_REUSED, "pid " + info.pid() + " is alive but started at "
                            + started.get() + ", not at " + info.processStart() + ": the holder died and its pid was reused");
        }
        // The predecessor recorded no process start, only its own Start line, written after the
        // process began: a live pid whose process started clearly later is a recycled pid.
        if (info.isPredecessor() && started.isPresent()
                && started.get().isAfter(info.acquiredAt().plus(PREDECESSOR_START_SLACK))) {
            return os == OsLock.HELD_BY_OTHER
                    ? new Verdict.Held(null, Duration.ZERO, false, "pid " + info.pid() + " now belongs to another program" + takingOver, true)
                    : new Verdict.Stale(info, StaleReason.PID_REUSED, "pid " + info.pid() + " is alive but started at "
                            + started.get() + ", after the lock was taken at " + info.acquiredAt()
                            + ": the holder died and its pid was reused");
        }
        boolean hung = heldFor.compareTo(settings.hungAfter()) > 0;
        return new Verdict.Held(info, heldFor, hung, "pid " + info.pid() + " is still running on this host"
                + (hung ? " (held for " + Ages.human(heldFor) + ": possibly hung, but a live holder is never taken over)" : "")
                + pausedNote(info.pid()));
    }

    private Verdict judgeRemote(LockInfo info, Snapshot s, Instant now) {
        Instant beat = info.heartbeatAt();
        String basis = "heartbeat";
        // Never trust a timestamp from the future: a fast clock elsewhere must not hold the lock forever.
        if (beat.isAfter(now.plus(settings.staleAfter())) && s.lastModified() != null) {
            beat = s.lastModified();
            basis = "file (its heartbeat is in the future, so the file's age is used)";
        }
        Duration age = ageOf(beat, now);
        if (age.compareTo(settings.staleAfter()) < 0) {
            return new Verdict.HeldRemote(info, age, "pid " + info.pid() + " on " + info.host() + " last wrote its "
                    + basis + " " + Ages.human(age) + " ago (limit " + Ages.human(settings.staleAfter()) + ")");
        }
        return new Verdict.Stale(info, StaleReason.REMOTE_SILENT, "pid " + info.pid() + " on " + info.host()
                + " has been silent for " + Ages.human(age) + " (limit " + Ages.human(settings.staleAfter()) + ")");
    }

    private static Duration ageOf(Instant then, Instant now) {
        if (then == null || then.isAfter(now)) return Duration.ZERO;
        return Duration.between(then, now);
    }
}
