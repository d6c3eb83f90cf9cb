package parkwait.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import parkwait.lock.LockJudge.OsLock;
import parkwait.lock.LockJudge.Snapshot;
import parkwait.source.S3Errors;
import parkwait.source.S3Settings;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The run lock as an S3 object, for runners on several machines (DESIGN 3.5): created with
 * If-None-Match, refreshed and taken over with If-Match (compare-and-swap), released with a
 * conditional delete. Leases are judged by heartbeat age in the server's time (its Date header),
 * so a runner whose clock is wrong neither steals a live lease nor keeps a dead one.
 */
public final class S3RunLock implements RunLock {
    private final Supplier<S3Client> client;
    private final String bucket;
    private final String key;
    private final LockSettings settings;
    private final ProcessFacts facts;
    private final Clock clock;
    private final LockJudge judge;
    private final AuditLog audit;
    /** One sentence for an S3 error, worded as the S3 source words it. */
    private final Function<SdkException, String> explain;
    private S3Object object;

    /**
     * @param client   made on first use, so that reading a file lock never pays for an S3 client
     * @param auditLog this machine's audit trail (state/lock-events.jsonl)
     */
    public S3RunLock(Supplier<S3Client> client, String bucket, String key, LockSettings settings, ProcessFacts facts,
                     Clock clock, AuditLog auditLog) {
        this(client, bucket, key, settings, facts, clock, auditLog, e -> firstLine(e.getMessage()));
    }

    /** The lock at {@code s3://<s3's bucket>/key}, with errors said in the S3 source's sentences. */
    public S3RunLock(S3Settings s3, String key, LockSettings settings, ProcessFacts facts, Clock clock, AuditLog auditLog) {
        this(s3::newClient, s3.bucket(), key, settings, facts, clock, auditLog, e -> S3Errors.sentence(s3, e,
                "use the lock s3://" + s3.bucket() + "/" + key, "s3:GetObject, s3:PutObject and s3:DeleteObject on s3://"
                        + s3.bucket() + "/" + key + "*"));
    }

    private S3RunLock(Supplier<S3Client> client, String bucket, String key, LockSettings settings, ProcessFacts facts,
                      Clock clock, AuditLog auditLog, Function<SdkException, String> explain) {
        this.explain = explain;
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.settings = settings;
        this.facts = facts;
        this.clock = clock;
        this.judge = new LockJudge(facts, settings);
        this.audit = auditLog;
    }

    /** Parses {@code s3://bucket/key}; null when the text is not such a URL. */
    public static String[] parseUrl(String url) {
        if (url == null || !url.startsWith("s3://")) return null;
        String rest = url.substring(5);
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) return null;
        return new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }

    private synchronized S3Object object() {
        if (object == null) object = new S3Object(client.get(), bucket, key, clock);
        return object;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public Inspection inspect() {
        try {
            S3Object o = object();
            Optional<S3Object.Current> current = o.get();
            Snapshot s = snapshot(current);
            return new Inspection(judge.judge(s, OsLock.UNKNOWN, o.serverNow()), s.record(), describe());
        } catch (SdkException e) {
            return new Inspection(unreachable(e), Optional.empty(), describe());
        }
    }

    @Override
    public Lease acquire(String command, Duration wait, Consumer<String> progress) {
        return AcquireLoop.run(() -> tryAcquire(command), wait, progress, clock, describe(), (v, now) ->
                audit.append("refused", now, Words.holderOf(v), me(command, 0, now), v.why() + " [" + describe() + "]"));
    }

    /** One attempt: create, or take over a stale lease, or refuse. */
    public RunLock.Attempt tryAcquire(String command) {
        try {
            S3Object o = object();
            Optional<S3Object.Current> current = o.get();
            Instant now = o.serverNow();
            // Tokens outlive the lock object (released by deleting it): the last one is kept beside it.
            long lastIssued = o.lastToken();
            if (current.isEmpty()) {
                LockInfo mine = me(command, lastIssued + 1, now);
                Optional<String> etag = o.create(LockJson.write(mine));
                if (etag.isEmpty()) return refusedByCurrent(o); // someone created it first
                if (!o.enforcesConditionalWrites()) {
                    o.deleteIf(etag.get());
                    return new RunLock.Refused(new Verdict.Unusable("the store behind " + describe()
                            + " accepted a second If-None-Match create, so it cannot guarantee one run at a time",
                            "use a store with S3 conditional writes (AWS S3 has them), or the file lock"));
                }
                o.recordToken(mine.token());
                audit.append("acquired", now, mine, mine, describe());
                return new RunLock.Acquired(new S3Lease(o, mine, etag.get(), settings, audit), new Verdict.Free("no run holds the lock"));
            }
            Snapshot s = snapshot(current);
            Verdict v = judge.judge(s, OsLock.UNKNOWN, now);
            if (v.blocksRun()) return new RunLock.Refused(v);
            long previous = s.record().map(LockInfo::token).orElse(0L);
            LockInfo mine = me(command, Math.max(previous, lastIssued) + 1, now);
            Optional<String> etag = o.replace(LockJson.write(mine), current.get().etag());
            if (etag.isEmpty()) return refusedByCurrent(o); // a lost race is a refusal, not an error
            o.recordToken(mine.token());
            audit.append("stale-taken-over", now, Words.holderOf(v), mine, v.why() + " [" + describe() + "]");
            audit.append("acquired", now, mine, mine, describe());
            return new RunLock.Acquired(new S3Lease(o, mine, etag.get(), settings, audit), v);
        } catch (SdkException e) {
            return new RunLock.Refused(unreachable(e));
        }
    }

    @Override
    public ClearResult clear(boolean force, String command) {
        try {
            S3Object o = object();
            Optional<S3Object.Current> current = o.get();
            Instant now = o.serverNow();
            Snapshot s = snapshot(current);
            Verdict v = judge.judge(s, OsLock.UNKNOWN, now);
            if (current.isEmpty()) return new ClearResult(false, v, "Nothing to clear: no run holds " + describe() + ".");
            if (v.blocksRun() && !force) {
                return new ClearResult(false, v, "Not cleared: the lock is " + v.name() + ", held by " + Words.holder(v, now)
                        + " (" + v.why() + "). If you are sure that run is stuck, use --clear --force; it will stop"
                        + " before its next database commit.");
            }
            if (!o.deleteIf(current.get().etag())) {
                if (!force) {
                    return new ClearResult(false, v, "Not cleared: the lock changed while we looked (another run took it)."
                            + " Run lock.java again to see it.");
                }
                o.delete(); // a live holder's heartbeat keeps changing the ETag; --force means remove it anyway
            }
            boolean forced = v.blocksRun();
            audit.append(forced ? "force-cleared" : "cleared", now, s.record().orElse(null), me(command, 0, now),
                    v.why() + " [" + describe() + "]");
            return new ClearResult(true, v, forced
                    ? "Cleared by force. WARNING: the holder (" + Words.holder(v, now) + ") may still be running; its next"
                      + " heartbeat fails and it stops before its next commit."
                    : "Cleared the " + v.name().toLowerCase() + " lock (" + v.why() + "). The next run starts normally.");
        } catch (SdkException e) {
            return new ClearResult(false, unreachable(e), "Could not clear " + describe() + ". " + unreachable(e).why() + ".");
        }
    }

    private RunLock.Attempt refusedByCurrent(S3Object o) {
        Optional<S3Object.Current> now = o.get();
        Verdict v = judge.judge(snapshot(now), OsLock.UNKNOWN, o.serverNow());
        // Gone again already: report it as held by an unidentified process, so the caller retries briefly.
        return new RunLock.Refused(v.blocksRun() ? v : new Verdict.Held(null, Duration.ZERO, false,
                "another run changed the lock at the same moment"));
    }

    private Snapshot snapshot(Optional<S3Object.Current> current) {
        if (current.isEmpty()) return Snapshot.absent();
        LockJson.Parsed p = LockJson.parse(current.get().bytes());
        return new Snapshot(true, false, p.info(), p.problem(), current.get().lastModified());
    }

    /** An S3 error as one sentence that already says what to do (so no separate remedy). */
    private Verdict unreachable(SdkException e) {
        String sentence = explain.apply(e).strip();
        if (sentence.endsWith(".")) sentence = sentence.substring(0, sentence.length() - 1);
        return new Verdict.Unusable(sentence, "");
    }

    private static String firstLine(String s) {
        return s == null ? "no detail" : s.lines().findFirst().orElse(s);
    }

    private LockInfo me(String command, long token, Instant now) {
        long pid = facts.currentPid();
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new LockInfo(LockInfo.CURRENT_VERSION, pid, facts.hostName(), facts.userName(),
                facts.startTimeIfAlive(pid).orElse(null), at, at, command, token);
    }
}
