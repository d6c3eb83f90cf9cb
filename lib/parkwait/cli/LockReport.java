package parkwait.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import parkwait.config.Config;
import parkwait.lock.Ages;
import parkwait.lock.AuditLog;
import parkwait.lock.FileRunLock;
import parkwait.lock.RunLock;
import parkwait.lock.S3RunLock;
import parkwait.source.S3Settings;
import parkwait.lock.LockInfo;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.lock.Verdict;
import parkwait.lock.Words;

/** The lock section of lock.java and status.java: the same verdict, the same words, text or JSON. */
public final class LockReport {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LockReport() {
    }

    /** The file lock of the state folder these options select. */
    public static FileRunLock fileLock(Common common, Clock clock) {
        return new FileRunLock(common.stateDir(), settings(common.config()), ProcessFacts.system(), clock);
    }

    /** The lock these options select: the S3 lock of --lock-url (or lock_url), else the file lock. */
    public static RunLock runLock(Common common, Clock clock) {
        String url = common.lockUrl();
        if (url == null) return fileLock(common, clock);
        String[] bucketKey = S3RunLock.parseUrl(url);
        if (bucketKey == null) {
            throw new UserException(ExitCodes.USAGE, "The lock URL \"" + url + "\" is not s3://bucket/key. Example:"
                    + " --lock-url s3://my-locks/parkwait/ingest.lock");
        }
        Config c = common.config();
        // The same endpoint, region and addressing as the S3 source: resolved once, in Common.
        S3Settings settings = common.s3Settings().withBucket(bucketKey[0], "");
        return new S3RunLock(settings, bucketKey[1], settings(c), ProcessFacts.system(), clock,
                new AuditLog(common.stateDir().resolve(FileRunLock.AUDIT_FILE)));
    }

    public static LockSettings settings(Config c) {
        return new LockSettings(Duration.ofMinutes(c.lockStaleAfterMinutes()), Duration.ofHours(c.lockHungAfterHours()),
                Duration.ofSeconds(c.heartbeatSeconds()));
    }

    /** What to do next, for each verdict, with commands spelled as plain {@code jbang lock.java}, no options. */
    public static String advice(Verdict v) {
        return advice(v, Hints.GENERIC);
    }

    /** What to do next, for each verdict, with commands that act on this lock as pasted. */
    public static String advice(Verdict v, Hints hints) {
        if (v instanceof Verdict.Free) return "Nothing to do: the next run takes the lock.";
        if (v instanceof Verdict.Stale) {
            return "Nothing to do: the next run takes it over and logs why. To remove it now: " + hints.command("lock.java", "--clear");
        }
        if (v instanceof Verdict.Held h && h.possiblyHung()) {
            return "It is still alive, so it is never taken over. If it is stuck, end that process (Task Manager / kill "
                    + (h.holder() == null ? "" : h.holder().pid()) + "), or use " + hints.command("lock.java", "--clear", "--force") + ".";
        }
        // A paused, fenced or hand-cleared holder: its reason already names the pid and what to do.
        if (v instanceof Verdict.Held h && h.why().contains(" kill ")) {
            return "Do as the verdict says: while that process lives it keeps the lock, and new runs exit with code 75.";
        }
        if (v instanceof Verdict.Held) return "Wait for it to finish; new runs exit with code 75 meanwhile (or start them with --wait 30m).";
        if (v instanceof Verdict.HeldRemote) {
            return "Another machine is running. If that machine is off, the lock turns stale when its heartbeat is older than the limit.";
        }
        if (v instanceof Verdict.Unusable u) return u.remedy().isEmpty() ? "Fix the problem above, then run again." : "To fix it: " + u.remedy() + ".";
        return "Fix the problem above, then run again.";
    }

    /** What a refused run adds to its sentence: how to wait, and how to look, as pasted. */
    public static String refusalAdvice(java.time.Duration waited, Hints hints) {
        return "To wait for it instead, use " + Hints.waitAdvice(waited) + "; to see it, run: " + hints.command("lock.java");
    }

    /** Lines for people. */
    public static String text(RunLock.Inspection in, Instant now) {
        return text(in, now, Hints.GENERIC);
    }

    /** Lines for people, with commands that act on this lock as pasted. */
    public static String text(RunLock.Inspection in, Instant now, Hints hints) {
        Verdict v = in.verdict();
        StringBuilder b = new StringBuilder();
        b.append("Lock:      ").append(in.where()).append('\n');
        b.append("Verdict:   ").append(v.name()).append(" - ").append(v.why()).append('\n');
        LockInfo h = in.record().orElse(Words.holderOf(v));
        if (h != null) {
            b.append("Holder:    pid ").append(h.pid()).append(" on ").append(h.host()).append(", user ")
                    .append(h.isPredecessor() ? "unknown (a lock left by the predecessor)" : h.user()).append('\n');
            b.append("Command:   ").append(h.command()).append('\n');
            b.append("Acquired:  ").append(local(h.acquiredAt())).append(" (").append(ago(h.acquiredAt(), now)).append(")\n");
            b.append("Heartbeat: ").append(local(h.heartbeatAt())).append(" (").append(ago(h.heartbeatAt(), now)).append(")\n");
            b.append("Token:     ").append(h.token()).append('\n');
        }
        b.append("Next:      ").append(advice(v, hints)).append('\n');
        return b.toString();
    }

    /** The same as a JSON-ready map (stable field names). */
    public static Map<String, Object> json(RunLock.Inspection in, Instant now) {
        return json(in, now, Hints.GENERIC);
    }

    /** The same as a JSON-ready map, with commands that act on this lock as pasted. */
    public static Map<String, Object> json(RunLock.Inspection in, Instant now, Hints hints) {
        Verdict v = in.verdict();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lockFile", in.where());
        m.put("verdict", v.name());
        m.put("reason", v.why());
        if (v instanceof Verdict.Stale s) m.put("staleReason", s.reason().name());
        if (v instanceof Verdict.Held h) m.put("possiblyHung", h.possiblyHung());
        m.put("blocksRun", v.blocksRun());
        LockInfo h = in.record().orElse(Words.holderOf(v));
        m.put("holder", h);
        if (h != null) {
            m.put("heldForSeconds", Duration.between(h.acquiredAt(), now).toSeconds());
            m.put("heartbeatAgeSeconds", Duration.between(h.heartbeatAt(), now).toSeconds());
        }
        m.put("advice", advice(v, hints));
        return m;
    }

    static String local(Instant t) {
        return LOCAL.format(t.atZone(ZoneId.systemDefault())) + " local";
    }

    static String ago(Instant t, Instant now) {
        return t.isAfter(now) ? Ages.human(Duration.between(now, t)) + " in the future" : Ages.human(Duration.between(t, now)) + " ago";
    }
}
