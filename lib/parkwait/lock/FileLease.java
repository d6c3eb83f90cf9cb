package parkwait.lock;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A held file lock. Refreshes its heartbeat on a timer; {@link #assertHeld()} throws once a forced
 * clear has raised the guard's counter past this lease's token, or the guard was removed or
 * replaced by hand, or another token's record took the place of ours. It releases in {@link #close()} or, if the JVM is
 * stopped (Ctrl-C, SIGTERM, Task Scheduler's "End"), in a shutdown hook. A kill -9 releases the
 * OS lock too; the record left behind is then judged STALE (dead holder) by the next run.
 */
final class FileLease implements Lease {
    private final FileRunLock lock;
    private final FileChannel channel;
    private final FileLock osLock;
    /** The guard's identity when it was locked (null where the OS has none, e.g. Windows). */
    private final Object guardIdentity;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Thread shutdownHook;
    private volatile LockInfo info;
    private volatile String lostReason;
    private boolean released;
    /** Tests only: runs between reading the record and rewriting it, to replay a clear landing there. */
    private volatile Runnable betweenReadAndWrite = () -> { };

    FileLease(FileRunLock lock, FileChannel channel, FileLock osLock, Object guardIdentity, LockInfo info,
              Duration every, Clock clock) {
        this.lock = lock;
        this.channel = channel;
        this.osLock = osLock;
        this.guardIdentity = guardIdentity;
        this.info = info;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        timer.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        this.shutdownHook = new Thread(this::close, "lock-release");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The record this lease wrote. */
    @Override
    public LockInfo info() {
        return info;
    }

    /** The fencing token of this lease. */
    @Override
    public long token() {
        return info.token();
    }

    /**
     * Throws if the lock was lost; called before every database commit and every CSV rename. It
     * reads the guard's counter through this lease's own handle, so a forced clear is seen at once.
     */
    @Override
    public void assertHeld() {
        String reason = lostReason;
        if (reason == null) {
            reason = fence();
            if (reason != null) lost(reason);
        }
        if (reason != null) throw new LockLostException("This run lost the lock (" + reason + "); it stops now without writing more.");
    }

    /**
     * Raises the fencing token to at least {@code atLeast} (the database may have seen a higher one,
     * e.g. after the state folder was restored from a backup).
     */
    @Override
    public synchronized long raiseToken(long atLeast) throws IOException {
        if (atLeast <= info.token()) return info.token();
        LockInfo raised = info.withToken(atLeast);
        lock.writeGuard(channel, raised);
        info = raised;
        lock.writeRecord(info);
        return atLeast;
    }

    /**
     * Refreshes heartbeatAt now (the timer calls this; tests may too). The fence is checked before
     * the record is written and again after: a forced clear raises the fence before it removes the
     * record, so a clear landing in between is seen by the second check, which removes the record
     * again. A record removed by hand (fence untouched) is simply written again.
     */
    public synchronized void beat() {
        if (released || lostReason != null) return;
        String reason = fence();
        Optional<LockInfo> onDisk = lock.readRecord();
        if (reason == null && onDisk.isPresent() && onDisk.get().token() != info.token()) {
            reason = "the lock file now belongs to token " + onDisk.get().token();
        }
        if (reason != null) {
            lost(reason);
            return;
        }
        LockInfo next = info.withHeartbeat(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        betweenReadAndWrite.run();
        try {
            lock.writeRecord(next);
            info = next;
        } catch (IOException e) {
            // A missed heartbeat only matters to other hosts; the next one may succeed.
            System.err.println("Warning: could not refresh the lock heartbeat: " + e.getMessage());
        }
        reason = fence();
        if (reason != null) {
            try {
                lock.deleteRecordIfOurs(info.token());
            } catch (IOException e) {
                System.err.println("Warning: could not remove the lock file " + lock.lockFile() + ": " + e.getMessage());
            }
            lost(reason);
        }
    }

    /** Why this lease is fenced, or null; a guard that cannot be read for a moment proves nothing. */
    private String fence() {
        try {
            return lock.lostReason(channel, guardIdentity, info.token());
        } catch (IOException e) {
            return null;
        }
    }

    private synchronized void lost(String reason) {
        if (lostReason != null) return;
        lostReason = reason;
        lock.audit().append("lost", clock.instant(), info, info, reason);
    }

    /** Tests only: {@code hook} runs inside {@link #beat()}, after the record was read, before it is rewritten. */
    void betweenReadAndWrite(Runnable hook) {
        betweenReadAndWrite = hook;
    }

    /** Releases the lock: removes the record if it is still ours, then the OS lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (released) return;
        released = true;
        timer.shutdownNow();
        Instant now = clock.instant();
        try {
            if (lostReason == null) lock.deleteRecordIfOurs(info.token());
            lock.audit().append("released", now, info, info, null);
        } catch (IOException e) {
            System.err.println("Warning: could not remove the lock file " + lock.lockFile() + ": " + e.getMessage()
                    + ". The next run will find it stale and take it over.");
        } finally {
            lock.release(channel, osLock);
        }
        try {
            if (Thread.currentThread() != shutdownHook) Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
    }
}
