package parkwait.lock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Waiting for a lock, the same way for every backend: poll with backoff until taken or the deadline passes. */
final class AcquireLoop {
    /**
     * A refusal whose holder is still writing its record is retried this long, so the message can
     * name it: ten JVMs starting at once on two busy cores took over 3 s to get there.
     */
    static final Duration SETTLE = Duration.ofSeconds(10);

    private AcquireLoop() {
    }

    static Lease run(Supplier<RunLock.Attempt> attempt, Duration wait, Consumer<String> progress, Clock clock,
                     String where, BiConsumer<Verdict, Instant> auditRefusal) {
        Instant deadline = clock.instant().plus(wait.compareTo(SETTLE) < 0 ? SETTLE : wait);
        Instant nextReport = clock.instant();
        long pause = 100;
        while (true) {
            RunLock.Attempt a = attempt.get();
            if (a instanceof RunLock.Acquired acquired) {
                // DESIGN 3.2: a takeover is logged with its evidence (the audit trail has it too).
                if (acquired.previous() instanceof Verdict.Stale stale) {
                    progress.accept("Took over a stale lock: " + Words.holder(stale, clock.instant()) + " (" + stale.why() + ").");
                }
                return acquired.lease();
            }
            Verdict v = ((RunLock.Refused) a).verdict();
            if (v instanceof Verdict.Unusable u) {
                throw new LockUnusableException("The run lock at " + where + " cannot be used: " + u.why()
                        + (u.remedy().isEmpty() ? "." : ". To fix it: " + u.remedy() + "."), null);
            }
            Instant now = clock.instant();
            // No holder named yet, or one that is just changing: retried briefly so the answer is the settled one.
            boolean unidentified = Words.holderOf(v) == null || (v instanceof Verdict.Held h && h.settling());
            boolean waiting = !wait.isZero();
            if (now.isAfter(deadline) || (!waiting && !unidentified)) {
                auditRefusal.accept(v, now);
                throw new LockBusyException(v, Words.refusal(v, now), wait);
            }
            if (waiting && !now.isBefore(nextReport)) {
                progress.accept("Waiting for the lock: " + Words.holder(v, now) + " (" + v.why() + ").");
                nextReport = now.plus(Duration.ofMinutes(1));
            }
            sleep(pause);
            pause = Math.min(pause * 2, waiting ? 2000 : 200);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // polling interval while waiting for the lock, bounded by a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockBusyException(new Verdict.Free("interrupted"), "Interrupted while waiting for the lock.");
        }
    }
}
