package parkwait.lock;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Sentences about the lock that ingest, lock.java and status.java all use, so they read alike. */
public final class Words {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Words() {
    }

    /** "pid 4120 on FRED-PC (user fred) since 2026-01-22 05:00:02, heartbeat 12 s ago" or a fallback. */
    public static String holder(Verdict v, java.time.Instant now) {
        LockInfo h = holderOf(v);
        if (h == null) return "an unidentified process";
        String since = LOCAL.format(h.acquiredAt().atZone(ZoneId.systemDefault()));
        String beat = h.heartbeatAt().isAfter(now) ? "in the future"
                : Ages.human(java.time.Duration.between(h.heartbeatAt(), now)) + " ago";
        if (h.isPredecessor()) {
            return "pid " + h.pid() + " on " + h.host() + " (a lock left by the predecessor"
                    + (h.command() == null ? "" : ", script " + h.command()) + ") since " + since + " local time";
        }
        return "pid " + h.pid() + " on " + h.host() + " (user " + h.user() + ") since " + since
                + " local time, heartbeat " + beat;
    }

    /** The recorded holder named by a verdict, or null. */
    public static LockInfo holderOf(Verdict v) {
        if (v instanceof Verdict.Held held) return held.holder();
        if (v instanceof Verdict.HeldRemote remote) return remote.holder();
        if (v instanceof Verdict.Stale stale) return stale.holder();
        return null;
    }

    /**
     * The refusal a starting run prints when the lock is held. What to type next (--wait, lock.java
     * with this run's folders) is added by the script, which knows how it was started.
     */
    public static String refusal(Verdict v, java.time.Instant now) {
        return "Another run holds the lock: " + holder(v, now) + " (" + v.why() + "). This run exits without"
                + " doing anything.";
    }
}
