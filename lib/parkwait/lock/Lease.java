package parkwait.lock;

import java.io.IOException;

/**
 * A held run lock, whatever its backend. It refreshes its heartbeat by itself and releases in
 * {@link #close()} (and in a shutdown hook). Call {@link #assertHeld()} before every commit.
 */
public interface Lease extends AutoCloseable {

    /** The record this lease wrote. */
    LockInfo info();

    /** The fencing token of this lease. */
    long token();

    /** Throws {@link LockLostException} if the lock was lost (cleared by force, taken over, lease expired). */
    void assertHeld();

    /** Raises the fencing token to at least {@code atLeast} (the database may have seen a higher one). */
    long raiseToken(long atLeast) throws IOException;

    /** Releases the lock if it is still ours. Idempotent; never throws. */
    @Override
    void close();
}
