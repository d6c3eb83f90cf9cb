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
 * A held file lock. Refreshes its heartbeat on a timer, notices when its record was removed or
 * replaced (then {@link #assertHeld()} throws), and releases in {@link #close()} or, if the JVM is
 * stopped (Ctrl-C, SIGTERM, Task Scheduler's "End"), in a shutdown hook. A kill -9 releases the
 * OS lock too; the record left behind is then judged STALE (dead holder) by the next run.
 */
final class FileLease implements Lease {
    private final FileRunLock lock;
    private final FileChannel channel;
    private final FileLock osLock;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Thread shutdownHook;
    private volatile LockInfo info;
    private volatile String lostReason;
    private boolean released;
    /** Tests only: runs between reading the record and rewriting it, to replay a clear landing there. */
    private volatile Runnable betweenReadAndWrite = () -> { };

    FileLease(FileRunLock lock, FileChannel channel, FileLock osLock, LockInfo info, Duration every, Clock clock) {
        this.lock = lock;
        this.channel = channel;
        this.osLock = osLock;
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

    /** Throws if the lock was lost; call before every commit. */
    @Override
    public void assertHeld() {
        String reason = lostReason;
        if (reason != null) throw new LockLostException("This run lost the lock (" + reason + "); it stops now without writing more.");
    }

    /**
     * Raises the fencing token to at least {@code atLeast} (the database may have seen a higher one,
     * e.g. after the state folder was restored from a backup).
     */
    @Override
    public synchronized long raiseToken(long atLeast) throws IOException {
        if (atLeast <= info.token()) return info.token();
        lock.writeCounter(channel, atLeast);
        info = info.withToken(atLeast);
        lock.writeRecord(info);
        return atLeast;
    }

    /** Refreshes heartbeatAt now (the timer calls this; tests may too). */
    public synchronized void beat() {
        if (released || lostReason != null) return;
        Optional<LockInfo> onDisk = lock.readRecord();
        if (onDisk.isEmpty() || onDisk.get().token() != info.token()) {
            lostReason = onDisk.isEmpty() ? "its lock file was removed, probably by lock.java --clear --force"
                    : "the lock file now belongs to token " + onDisk.get().token();
            lock.audit().append("lost", clock.instant(), info, info, lostReason);
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
