package parkwait.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;
import parkwait.io.AtomicFiles;
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
    /** One byte far past the end of the guard: locking it blocks nobody's reads (Windows locks are mandatory). */
    private static final long LOCK_POSITION = Long.MAX_VALUE - 1;

    private final Path stateDir;
    private final Path lockFile;
    private final Path guardFile;
    private final LockSettings settings;
    private final ProcessFacts facts;
    private final Clock clock;
    private final LockJudge judge;
    private final AuditLog audit;

    public FileRunLock(Path stateDir, LockSettings settings, ProcessFacts facts, Clock clock) {
        this.stateDir = stateDir;
        this.lockFile = stateDir.resolve(LOCK_FILE);
        this.guardFile = stateDir.resolve(GUARD_FILE);
        this.settings = settings;
        this.facts = facts;
        this.clock = clock;
        this.judge = new LockJudge(facts, settings);
        this.audit = new AuditLog(stateDir.resolve(AUDIT_FILE));
    }

    public Path lockFile() { return lockFile; }

    @Override
    public String describe() { return lockFile.toString(); }

    public AuditLog audit() { return audit; }

    /**
     * Reads the lock without taking it. Asks the OS whether a process holds the lock only when the
     * record alone cannot decide (unreadable, or its holder looks dead), and then only for an instant.
     */
    @Override
    public Inspection inspect() {
        Snapshot s = snapshot();
        Instant now = clock.instant();
        Verdict byRecord = judge.judge(s, OsLock.NOT_HELD, now);
        Verdict v = byRecord instanceof Verdict.Stale ? judge.judge(s, probe(), now) : byRecord;
        return new Inspection(v, s.record(), lockFile.toString());
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
        Optional<Verdict.Unusable> unusable = ensureStateDir();
        if (unusable.isPresent()) return new RunLock.Refused(unusable.get());
        if (Files.isDirectory(lockFile)) return new RunLock.Refused(judge.judge(snapshot(), OsLock.UNKNOWN, clock.instant()));
        if (!JvmHeldLocks.claim(guardFile)) {
            return new RunLock.Refused(judge.judge(snapshot(), OsLock.HELD_BY_OTHER, clock.instant()));
        }
        FileChannel channel = null;
        FileLock osLock = null;
        try {
            channel = FileChannel.open(guardFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            osLock = channel.tryLock(LOCK_POSITION, 1, false);
            if (osLock == null) {
                closeQuietly(channel);
                JvmHeldLocks.unclaim(guardFile);
                return new RunLock.Refused(judge.judge(snapshot(), OsLock.HELD_BY_OTHER, clock.instant()));
            }
            Snapshot s = snapshot();
            Instant now = clock.instant();
            Verdict before = judge.judge(s, OsLock.NOT_HELD, now);
            if (before.blocksRun()) {
                // A live holder that somehow lacks the OS lock, or one on another host: never stolen from.
                release(channel, osLock);
                return new RunLock.Refused(before);
            }
            long token = nextToken(channel, s.record());
            LockInfo mine = me(command, token, now);
            AtomicFiles.write(lockFile, LockJson.write(mine).getBytes(StandardCharsets.UTF_8));
            if (before instanceof Verdict.Stale stale) {
                audit.append("stale-taken-over", now, stale.holder(), mine, stale.why());
            }
            audit.append("acquired", now, mine, mine, null);
            Lease lease = new FileLease(this, channel, osLock, mine, settings.heartbeatEvery(), clock);
            return new RunLock.Acquired(lease, before);
        } catch (IOException e) {
            release(channel, osLock);
            return new RunLock.Refused(unwritable(e));
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            JvmHeldLocks.unclaim(guardFile);
            return new RunLock.Refused(judge.judge(snapshot(), OsLock.HELD_BY_OTHER, clock.instant()));
        }
    }

    /**
     * Removes a free or stale lock. A live holder is refused unless {@code force}; then its record is
     * removed anyway and the holder, at its next heartbeat, finds it gone and stops before writing.
     */
    @Override
    public ClearResult clear(boolean force, String command) {
        Instant now = clock.instant();
        LockInfo actor = me(command, 0, now);
        Snapshot s = snapshot();
        if (s.isDirectory()) {
            return new ClearResult(false, judge.judge(s, OsLock.UNKNOWN, now), "Nothing cleared: a folder is where"
                    + " the lock file should be (" + lockFile + "). Remove it by hand; this program never creates it.");
        }
        FileChannel channel = null;
        FileLock osLock = null;
        boolean claimed = JvmHeldLocks.claim(guardFile);
        try {
            if (claimed && Files.exists(guardFile)) {
                channel = FileChannel.open(guardFile, StandardOpenOption.READ, StandardOpenOption.WRITE);
                osLock = channel.tryLock(LOCK_POSITION, 1, false);
            }
            boolean weHoldOs = osLock != null || (claimed && !Files.exists(guardFile));
            s = snapshot();
            Verdict v = judge.judge(s, weHoldOs ? OsLock.NOT_HELD : OsLock.HELD_BY_OTHER, now);
            if (v instanceof Verdict.Free) return new ClearResult(false, v, "Nothing to clear: no run holds the lock.");
            if (v.blocksRun() && !force) {
                return new ClearResult(false, v, "Not cleared: the lock is " + v.name() + ", held by "
                        + Words.holder(v, now) + " (" + v.why() + "). If you are sure that run is stuck, use"
                        + " --clear --force; it will stop before its next database commit.");
            }
            Files.deleteIfExists(lockFile);
            boolean forced = v.blocksRun();
            audit.append(forced ? "force-cleared" : "cleared", now, s.record().orElse(null), actor, v.why());
            return new ClearResult(true, v, forced
                    ? "Cleared by force. WARNING: the holder (" + Words.holder(v, now) + ") may still be running;"
                      + " it will notice within " + Ages.human(settings.heartbeatEvery()) + " and stop before its next commit."
                    : "Cleared the " + v.name().toLowerCase() + " lock (" + v.why() + "). The next run starts normally.");
        } catch (IOException e) {
            return new ClearResult(false, judge.judge(s, OsLock.UNKNOWN, now), "Could not clear " + lockFile + ": "
                    + e.getMessage() + ". Check that this user may write to " + stateDir + ".");
        } catch (OverlappingFileLockException e) {
            return new ClearResult(false, judge.judge(s, OsLock.HELD_BY_OTHER, now), "Not cleared: this process holds the lock.");
        } finally {
            if (osLock != null || channel != null) releaseQuietly(channel, osLock);
            if (claimed) JvmHeldLocks.unclaim(guardFile);
        }
    }

    // --- used by Lease ---

    Optional<LockInfo> readRecord() {
        return snapshot().record();
    }

    void writeRecord(LockInfo info) throws IOException {
        AtomicFiles.write(lockFile, LockJson.write(info).getBytes(StandardCharsets.UTF_8));
    }

    void deleteRecordIfOurs(long token) throws IOException {
        Optional<LockInfo> r = readRecord();
        if (r.isPresent() && r.get().token() == token) Files.deleteIfExists(lockFile);
    }

    void writeCounter(FileChannel channel, long token) throws IOException {
        byte[] bytes = (Long.toString(token) + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.write(ByteBuffer.wrap(bytes), 0);
        channel.truncate(bytes.length);
        channel.force(true);
    }

    void release(FileChannel channel, FileLock osLock) {
        releaseQuietly(channel, osLock);
        JvmHeldLocks.unclaim(guardFile);
    }

    // --- internals ---

    /** Next fencing token: above both the guard's counter (never deleted) and any record on disk. */
    private long nextToken(FileChannel channel, Optional<LockInfo> record) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64);
        channel.read(buf, 0);
        String text = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
        long counter = text.matches("[0-9]{1,18}") ? Long.parseLong(text) : 0;
        long next = Math.max(counter, record.map(LockInfo::token).orElse(0L)) + 1;
        writeCounter(channel, next);
        return next;
    }

    private LockInfo me(String command, long token, Instant now) {
        long pid = facts.currentPid();
        Instant started = facts.startTimeIfAlive(pid).orElse(null);
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        return new LockInfo(LockInfo.CURRENT_VERSION, pid, facts.hostName(), facts.userName(), started, at, at,
                command, token);
    }

    private Snapshot snapshot() {
        for (int attempt = 0; ; attempt++) {
            try {
                if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) return Snapshot.absent();
                if (Files.isDirectory(lockFile)) {
                    return new Snapshot(true, true, Optional.empty(), "a folder is in its place", null);
                }
                Instant modified = Files.getLastModifiedTime(lockFile).toInstant();
                long size = Files.size(lockFile);
                if (size > LockJson.MAX_RECORD_BYTES) {
                    return new Snapshot(true, false, Optional.empty(), "the file is " + size
                            + " bytes, too large to be a lock record", modified);
                }
                LockJson.Parsed p = LockJson.parse(Files.readAllBytes(lockFile), facts.hostName(), modified);
                return new Snapshot(true, false, p.info(), p.problem(), modified);
            } catch (NoSuchFileException e) {
                if (attempt >= 2) return Snapshot.absent(); // released while we looked
            } catch (IOException e) {
                return new Snapshot(true, false, Optional.empty(), "it cannot be read: " + e.getMessage(), null);
            }
        }
    }

    /** Asks the OS, for an instant, whether a process on this host holds the lock. */
    private OsLock probe() {
        if (JvmHeldLocks.isHeld(guardFile)) return OsLock.HELD_BY_OTHER;
        if (!Files.exists(guardFile)) return OsLock.NOT_HELD;
        if (!JvmHeldLocks.claim(guardFile)) return OsLock.HELD_BY_OTHER;
        try (FileChannel ch = FileChannel.open(guardFile, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock(LOCK_POSITION, 1, false);
            if (l == null) return OsLock.HELD_BY_OTHER;
            l.release();
            return OsLock.NOT_HELD;
        } catch (OverlappingFileLockException e) {
            return OsLock.HELD_BY_OTHER;
        } catch (IOException e) {
            return OsLock.UNKNOWN;
        } finally {
            JvmHeldLocks.unclaim(guardFile);
        }
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
