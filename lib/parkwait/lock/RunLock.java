package parkwait.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The run lock, on one host's file system ({@link FileRunLock}) or in S3 for runners on several
 * machines ({@link S3RunLock}). Both give the same verdicts, messages and audit lines.
 */
public interface RunLock {

    /** Where the lock lives, for people: a path or {@code s3://bucket/key}. */
    String describe();

    /** What a reader sees now, without taking the lock. */
    Inspection inspect();

    /**
     * Takes the lock, waiting up to {@code wait} (zero: fail fast) for a live holder.
     *
     * @throws LockBusyException     still held when the wait ends (exit 75)
     * @throws LockUnusableException the lock cannot be used (exit 1)
     */
    Lease acquire(String command, Duration wait, Consumer<String> progress);

    /** Removes a free or stale lock; a live holder only with {@code force}. */
    ClearResult clear(boolean force, String command);

    /** The outcome of one attempt to take the lock. */
    sealed interface Attempt permits Acquired, Refused {
    }

    /** Taken; {@code previous} is what was there before (FREE, or the STALE lock taken over). */
    record Acquired(Lease lease, Verdict previous) implements Attempt {
    }

    /** Not taken: a live holder, or an unusable lock. */
    record Refused(Verdict verdict) implements Attempt {
    }

    /** The record (if readable) and the verdict. */
    record Inspection(Verdict verdict, Optional<LockInfo> record, String where) {
    }

    /** The outcome of {@link #clear}. */
    record ClearResult(boolean cleared, Verdict before, String message) {
    }
}
