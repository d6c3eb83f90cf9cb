package parkwait.lock;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A lease on the S3 lock. Each heartbeat is a compare-and-swap on the ETag it last wrote: if it
 * fails, someone took the lock over and this run stops before its next commit. If the store cannot
 * be reached for as long as the lease lasts, the lease is treated as lost too: another runner may
 * have taken it over meanwhile.
 */
final class S3Lease implements Lease {
    private final S3Object object;
    private final LockSettings settings;
    private final AuditLog audit;
    private final ScheduledExecutorService timer;
    private final Thread shutdownHook;
    private volatile LockInfo info;
    private volatile String etag;
    private volatile Instant lastConfirmed;
    private volatile String lostReason;
    private boolean released;

    S3Lease(S3Object object, LockInfo info, String etag, LockSettings settings, AuditLog audit) {
        this.object = object;
        this.info = info;
        this.etag = etag;
        this.settings = settings;
        this.audit = audit;
        // Others judge the lease by the heartbeatAt written in the object, stamped before the request
        // went out; counting from the answer instead would overrate a lease whose request was slow.
        this.lastConfirmed = info.heartbeatAt();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "s3-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long ms = settings.heartbeatEvery().toMillis();
        timer.scheduleAtFixedRate(this::beat, ms, ms, TimeUnit.MILLISECONDS);
        this.shutdownHook = new Thread(this::close, "s3-lock-release");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    @Override public LockInfo info() { return info; }

    @Override public long token() { return info.token(); }

    @Override
    public void assertHeld() {
        if (lostReason == null && Duration.between(lastConfirmed, object.serverNow()).compareTo(settings.staleAfter()) >= 0) {
            lose("no heartbeat reached " + object.url() + " for " + Ages.human(settings.staleAfter())
                    + ", so another runner may have taken the lease over");
        }
        String reason = lostReason;
        if (reason != null) throw new LockLostException("This run lost the lock (" + reason + "); it stops now without writing more.");
    }

    @Override
    public synchronized long raiseToken(long atLeast) {
        if (atLeast <= info.token()) return info.token();
        LockInfo next = info.withToken(atLeast);
        Optional<String> e = object.replace(LockJson.write(next), etag);
        if (e.isEmpty()) {
            lose("the lock object changed under us");
            assertHeld();
        }
        etag = e.get();
        info = next; // same heartbeatAt: this write does not extend the lease in others' eyes
        return atLeast;
    }

    /** Refreshes heartbeatAt with a compare-and-swap (the timer calls this; tests may too). */
    synchronized void beat() {
        if (released || lostReason != null) return;
        LockInfo next = info.withHeartbeat(object.serverNow().truncatedTo(ChronoUnit.MILLIS));
        try {
            Optional<String> e = object.replace(LockJson.write(next), etag);
            if (e.isEmpty()) {
                lose("its heartbeat was refused: another runner took the lease over");
                return;
            }
            etag = e.get();
            info = next;
            lastConfirmed = next.heartbeatAt();
        } catch (SdkException ex) {
            // Unreachable for a moment is not yet lost; assertHeld() decides once the lease could have expired.
            System.err.println("Warning: could not refresh the lock heartbeat at " + object.url() + ": "
                    + ex.getMessage().lines().findFirst().orElse(""));
        }
    }

    private void lose(String reason) {
        if (lostReason != null) return;
        lostReason = reason;
        audit.append("lost", object.serverNow(), info, info, reason + " [" + object.url() + "]");
    }

    @Override
    public synchronized void close() {
        if (released) return;
        released = true;
        timer.shutdownNow();
        try {
            if (lostReason == null && !object.deleteIf(etag)) {
                System.err.println("Warning: the lock at " + object.url() + " was no longer ours when releasing it.");
            }
            audit.append("released", object.serverNow(), info, info, object.url());
        } catch (SdkException e) {
            System.err.println("Warning: could not release the lock at " + object.url() + " (" + e.getMessage()
                    + "). Other runners will take it over once its heartbeat is " + Ages.human(settings.staleAfter()) + " old.");
        }
        try {
            if (Thread.currentThread() != shutdownHook) Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down
        }
    }
}
