package parkwait.lock;

import java.time.Duration;

/**
 * What a reader concludes about the run lock (DESIGN 3.2). Every reader (ingest, lock.java,
 * status.java) gets its verdict from {@link LockJudge}, so they never disagree.
 */
public sealed interface Verdict permits Verdict.Free, Verdict.Held, Verdict.HeldRemote, Verdict.Stale,
        Verdict.Unusable {

    /** Upper-case name shown to people and in JSON: FREE, HELD, HELD-REMOTE, STALE, UNUSABLE. */
    String name();

    /** One sentence saying why. */
    String why();

    /** True when a new run must not start. */
    default boolean blocksRun() {
        return this instanceof Held || this instanceof HeldRemote || this instanceof Unusable;
    }

    /** No lock is held. */
    record Free(String why) implements Verdict {
        public String name() { return "FREE"; }
    }

    /**
     * A live process on this host holds the lock; it is never taken over, however old.
     *
     * @param holder       the recorded holder, or null when the record is unreadable or not yet written
     * @param heldFor      time since it was acquired (or since the file changed, without a record)
     * @param possiblyHung true past the hung-after threshold
     * @param settling     the picture is changing this instant (a holder is being replaced, or has just
     *                     ended and its OS lock is not yet released): a starting run retries a little
     */
    record Held(LockInfo holder, Duration heldFor, boolean possiblyHung, String why, boolean settling) implements Verdict {
        public Held(LockInfo holder, Duration heldFor, boolean possiblyHung, String why) {
            this(holder, heldFor, possiblyHung, why, false);
        }

        public String name() { return "HELD"; }
    }

    /** A holder on another host whose heartbeat is recent enough. */
    record HeldRemote(LockInfo holder, Duration heartbeatAge, String why) implements Verdict {
        public String name() { return "HELD-REMOTE"; }
    }

    /** A lock left behind; the next run takes it over and logs this evidence. */
    record Stale(LockInfo holder, StaleReason reason, String why) implements Verdict {
        public String name() { return "STALE"; }
    }

    /** The lock cannot be used at all (a folder in its place, a read-only state folder). */
    record Unusable(String why, String remedy) implements Verdict {
        public String name() { return "UNUSABLE"; }

        @Override public boolean blocksRun() { return true; }
    }

    /** Why a lock is stale. */
    enum StaleReason {
        DEAD_HOLDER, PID_REUSED, REMOTE_SILENT, UNREADABLE
    }
}
