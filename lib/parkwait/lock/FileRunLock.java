package parkwait.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import parkwait.io.WriteFailure;
import parkwait.lock.LockJudge.OsLock;
import parkwait.lock.LockJudge.Snapshot;

/**
 * The run lock on one host's file system (DESIGN 3).
 *
 * <p>Two files in the state folder: {@code processing.lock}, the JSON record people read (written
 * whole with a rename, deleted on release), and {@code processing.lock.guard}, which is never
 * deleted and carries the operating-system lock. Keeping the OS lock on a file nobody deletes
 * closes the "locked a deleted file" hazard; locking one byte far past its end keeps Windows'
 * mandatory byte-range locks from blocking readers. Whoever holds the OS lock may write or remove
 * the record, so a takeover can never delete a lock a third process just took.
 */
public final class FileRunLock implements RunLock {
    public static final String LOCK_FILE = "processing.lock";
    public static final String GUARD_FILE = "processing.lock.guard";
    public static final String AUDIT_FILE = "lock-events.jsonl";

    private final Path stateDir;
    private final Path lockFile;
    private final Path guardFile;
    private final LockSettings settings;
    private final ProcessFacts facts;
    private final Clock clock;
    private final LockJudge judge;
    private final AuditLog audit;
    private final LockFolder files;

    public FileRunLock(Path stateDir, LockSettings settings, ProcessFacts facts, Clock clock) {
        this.stateDir = stateDir;
        this.lockFile = stateDir.resolve(LOCK_FILE);
        this.guardFile = stateDir.resolve(GUARD_FILE);
        this.settings = settings;
        this.facts = facts;
        this.clock = clock;
        this.judge = new LockJudge(facts, settings);
        this.audit = new AuditLog(stateDir.resolve(AUDIT_FILE));
        this.files = new LockFolder(lockFile, guardFile, facts);
    }

    public Path lockFile() { return lockFile; }

    @Override
    public String describe() { return lockFile.toString(); }

    public AuditLog audit() { return audit; }

    /**
     * Reads the lock without taking it: the record, and, for an instant, the guard (its OS lock and
     * who it names). Every reader sees the same three things, so they reach the same verdict.
     */
    @Override
    public Inspection inspect() {
        Optional<Verdict.Unusable> odd = files.oddFiles();
        if (odd.isPresent()) return new Inspection(odd.get(), Optional.empty(), lockFile.toString());
        Snapshot s = files.snapshot();
        GuardFile.Probe p = GuardFile.probe(guardFile);
        return new Inspection(judge.judge(s, p.os(), p.content(), clock.instant()), s.record(), lockFile.toString());
    }

    /**
     * Takes the lock, waiting up to {@code wait} (zero: fail fast) for a live holder to finish.
     *
     * @throws LockBusyException     still held when the wait ends (exit 75)
     * @throws LockUnusableException the lock cannot be used (exit 1)
     */
    @Override
    public Lease acquire(String command, Duration wait, Consumer<String> progress) {
        return AcquireLoop.run(() -> tryAcquire(command), wait, progress, clock, describe(),
                (v, now) -> audit.append("refused", now, Words.holderOf(v), me(command, 0, now), v.why()));
    }

    /** One attempt, never waiting. */
    public RunLock.Attempt tryAcquire(String command) {
        Optional<Verdict.Unusable> unusable = ensureStateDir().or(files::oddFiles);
        if (unusable.isPresent()) return new RunLock.Refused(unusable.get());
        if (!JvmHeldLocks.claim(guardFile)) {
            return new RunLock.Refused(judge.judge(files.snapshot(), OsLock.HELD_BY_OTHER, clock.instant()));
        }
        FileChannel channel = null;
        FileLock osLock = null;
        // The JVM's first JSON write loads Jackson (up to seconds on a busy machine): done before locking,
        // so a winner is never held up, lock in hand but not yet named, while its rivals give up.
        LockJson.write(me(command, 0, clock.instant()));
        try {
            channel = GuardFile.open(guardFile, true);
            osLock = channel.tryLock(GuardFile.LOCK_POSITION, 1, false);
            GuardFile.Content guard = GuardFile.read(channel);
            if (osLock == null) {
                release(channel, null);
                return new RunLock.Refused(judge.judge(files.snapshot(), OsLock.HELD_BY_OTHER, guard, clock.instant()));
            }
            Snapshot s = files.snapshot();
            Instant now = clock.instant();
            // Above the guard's counter (never deleted, raised by forced clears) and any record on disk.
            long token = Math.max(guard.counter(), s.record().map(LockInfo::token).orElse(0L)) + 1;
            LockInfo mine = me(command, token, now);
            // Named in the guard at once, so a run refused this instant can say who holds the lock.
            GuardFile.write(channel, mine, true);
            Verdict before = judge.judge(s, OsLock.NOT_HELD, guard, now);
            if (before.blocksRun()) {
                // A live holder that somehow lacks the OS lock, or one on another host: never stolen from.
                release(channel, osLock);
                return new RunLock.Refused(before);
            }
            writeRecord(mine);
            GuardFile.write(channel, mine, false);
            if (before instanceof Verdict.Stale stale) {
                audit.append("stale-taken-over", now, stale.holder(), mine, stale.why());
            }
            audit.append("acquired", now, mine, mine, null);
            Lease lease = new FileLease(this, channel, osLock, LockFiles.identity(guardFile), mine,
                    settings.heartbeatEvery(), clock);
            return new RunLock.Acquired(lease, before);
        } catch (IOException e) {
            release(channel, osLock);
            return new RunLock.Refused(unwritable(e));
        } catch (OverlappingFileLockException e) {
            release(channel, null);
            return new RunLock.Refused(judge.judge(files.snapshot(), OsLock.HELD_BY_OTHER, clock.instant()));
        }
    }

    /**
     * Removes a free or stale lock. A live holder is refused unless {@code force}; then the guard's
     * counter is raised past the holder's token first (the fence: every commit and CSV file of the
     * holder checks it), and only then is the record removed.
     */
    @Override
    public ClearResult clear(boolean force, String command) {
        Instant now = clock.instant();
        Optional<Verdict.Unusable> odd = files.oddFiles();
        if (odd.isPresent()) {
            return new ClearResult(false, odd.get(), "Nothing cleared: " + odd.get().why() + ". To fix it: "
                    + odd.get().remedy() + ".");
        }
        if (!JvmHeldLocks.claim(guardFile)) {
            return new ClearResult(false, judge.judge(files.snapshot(), OsLock.HELD_BY_OTHER, now), "Not cleared: this process holds the lock.");
        }
        FileChannel channel = null;
        FileLock osLock = null;
        Snapshot s = files.snapshot();
        try {
            GuardFile.Content guard = GuardFile.Content.NONE;
            if (LockFiles.kindOf(guardFile) == LockFiles.Kind.REGULAR) {
                channel = GuardFile.open(guardFile, false);
                osLock = channel.tryLock(GuardFile.LOCK_POSITION, 1, false);
                guard = GuardFile.read(channel);
            }
            OsLock os = channel != null && osLock == null ? OsLock.HELD_BY_OTHER : OsLock.NOT_HELD;
            s = files.snapshot();
            Verdict v = judge.judge(s, os, guard, now);
            if (v instanceof Verdict.Free) return new ClearResult(false, v, "Nothing to clear: no run holds the lock.");
            if (v.blocksRun() && !force) {
                return new ClearResult(false, v, "Not cleared: the lock is " + v.name() + ", held by "
                        + Words.holder(v, now) + " (" + v.why() + "). If you are sure that run is stuck, use"
                        + " --clear --force; it is then refused its next database commit and CSV file.");
            }
            boolean forced = v.blocksRun();
            if (forced && channel != null) {
                long holderToken = Math.max(s.record().map(LockInfo::token).orElse(0L),
                        guard.holder().map(LockInfo::token).orElse(0L));
                GuardFile.raise(channel, Math.max(guard.counter(), holderToken) + 1);
            }
            Files.deleteIfExists(lockFile);
            LockInfo holder = s.record().orElse(Words.holderOf(v));
            audit.append(forced ? "force-cleared" : "cleared", now, holder, me(command, 0, now), v.why());
            if (!forced) {
                return new ClearResult(true, v, "Cleared the " + v.name().toLowerCase() + " lock (" + v.why()
                        + "). The next run starts normally.");
            }
            return new ClearResult(true, v, os == OsLock.HELD_BY_OTHER
                    ? "Cleared by force. WARNING: the holder (" + Words.holder(v, now) + ") is still running. It is fenced:"
                      + " its next database commit and its next CSV file are refused, and it stops (a paused process"
                      + " when it resumes). Until it ends it keeps the operating-system lock, so new runs still exit 75;"
                      + " if it does not end by itself, end it" + endIt(holder) + "."
                    : "Cleared by force. WARNING: the holder (" + Words.holder(v, now) + ") may still be running"
                      + " elsewhere; it notices within " + Ages.human(settings.heartbeatEvery())
                      + " and stops before its next commit.");
        } catch (IOException e) {
            return new ClearResult(false, judge.judge(s, OsLock.UNKNOWN, now), "Could not clear " + lockFile + ": "
                    + e.getMessage() + ". Check that this user may write to " + stateDir + ".");
        } catch (OverlappingFileLockException e) {
            return new ClearResult(false, judge.judge(s, OsLock.HELD_BY_OTHER, now), "Not cleared: this process holds the lock.");
        } finally {
            release(channel, osLock);
        }
    }

    private static String endIt(LockInfo holder) {
        return holder == null ? " (Task Manager, or kill)" : " (kill " + holder.pid() + ", or Task Manager on Windows)";
    }

    // --- used by Lease ---

    Optional<LockInfo> readRecord() {
        return files.snapshot().record();
    }

    void writeRecord(LockInfo info) throws IOException {
        LockFiles.writeAtomic(lockFile, LockJson.write(info).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Why the holder of {@code token}, with the guard open as {@code channel}, no longer holds the
     * lock, or null while it does: a forced clear raised the guard's counter past its token, or the
     * guard at the path is not the file it locked (removed or replaced by hand).
     */
    String lostReason(FileChannel channel, Object identity, long token) throws IOException {
        if (GuardFile.counter(channel) > token) return "it was cleared by force (lock.java --clear --force)";
        if (LockFiles.kindOf(guardFile) != LockFiles.Kind.REGULAR
                || (identity != null && !identity.equals(LockFiles.identity(guardFile)))) {
            return "its guard file " + guardFile + " was removed or replaced by hand";
        }
        return null;
    }

    void writeGuard(FileChannel channel, LockInfo info) throws IOException {
        GuardFile.write(channel, info, false);
    }

    void deleteRecordIfOurs(long token) throws IOException {
        Optional<LockInfo> r = readRecord();
        if (r.isPresent() && r.get().token() == token) Files.deleteIfExists(lockFile);
    }

    void release(FileChannel channel, FileLock osLock) {
        releaseQuietly(channel, osLock);
        JvmHeldLocks.unclaim(guardFile);
    }

    private LockInfo me(String command, long token, Instant now) {
        long pid = facts.currentPid();
        Instant started = facts.startTimeIfAlive(pid).orElse(null);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new LockInfo(LockInfo.CURRENT_VERSION, pid, facts.hostName(), facts.userName(), started, at, at,
                command, token);
    }

    private Optional<Verdict.Unusable> ensureStateDir() {
        try {
            Files.createDirectories(stateDir);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(new Verdict.Unusable("the state folder " + stateDir + " cannot be created ("
                    + WriteFailure.reason(e) + ")",
                    "check the path and that this user may write there, or choose another with --state-dir"));
        }
    }

    /** Issue 4: a full disk or a read-only state folder is named as such, with what to do. */
    private Verdict.Unusable unwritable(IOException e) {
        String reason = WriteFailure.reason(e);
        return WriteFailure.of(e)
                .map(f -> new Verdict.Unusable(f.describe("the state folder " + stateDir, reason),
                        f.remedy() + ", or choose another state folder with --state-dir"))
                .orElseGet(() -> new Verdict.Unusable("the lock files in " + stateDir + " cannot be written (" + reason
                        + ")", "check that the disk is not full and that this user may write to the folder"));
    }

    private static void releaseQuietly(FileChannel channel, FileLock osLock) {
        try {
            if (osLock != null && osLock.isValid()) osLock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // nothing left to do with a channel we are abandoning
        }
    }
}
