package parkwait.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How the store opens its database.
 *
 * @param journalMode  DELETE (the default) or WAL; DESIGN 4.4: a live WAL database in a synced
 *                     folder is copied as three unrelated files, so WAL is for local disks only
 * @param busyTimeout  how long a statement waits for a reader (DB Browser, pandas) to let go
 * @param cacheSizeKiB SQLite page cache of the connection, outside the Java heap
 * @param clock        the time written to {@code loaded_at} and {@code failed_at}
 * @param fence        run inside every write transaction just before it commits; throws to refuse
 *                     the commit (the run lock's check that this run still holds the lock)
 */
public record StoreOptions(JournalMode journalMode, Duration busyTimeout, int cacheSizeKiB, Clock clock, Runnable fence) {

    /** The rollback journal or the write-ahead log. */
    public enum JournalMode { DELETE, WAL }

    public StoreOptions {
        Objects.requireNonNull(journalMode, "journalMode");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(fence, "fence");
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("busyTimeout must be between 0 and 24 days: " + busyTimeout);
        }
        if (cacheSizeKiB < 0) throw new IllegalArgumentException("cacheSizeKiB must be >= 0: " + cacheSizeKiB);
    }

    public StoreOptions(JournalMode journalMode, Duration busyTimeout, int cacheSizeKiB, Clock clock) {
        this(journalMode, busyTimeout, cacheSizeKiB, clock, () -> { });
    }

    /** Rollback journal, 30 s busy timeout, 64 MiB page cache, system clock, no fence beyond the token. */
    public static StoreOptions defaults() {
        return new StoreOptions(JournalMode.DELETE, Duration.ofSeconds(30), 64 * 1024, Clock.systemUTC());
    }

    public StoreOptions withJournalMode(JournalMode mode) {
        return new StoreOptions(mode, busyTimeout, cacheSizeKiB, clock, fence);
    }

    public StoreOptions withBusyTimeout(Duration timeout) {
        return new StoreOptions(journalMode, timeout, cacheSizeKiB, clock, fence);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(journalMode, busyTimeout, cacheSizeKiB, newClock, fence);
    }

    /** With a check run just before every commit (e.g. the lease's assertHeld: a forced clear fences at once). */
    public StoreOptions withFence(Runnable check) {
        return new StoreOptions(journalMode, busyTimeout, cacheSizeKiB, clock, check);
    }
}
