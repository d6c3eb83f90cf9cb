package parkwait.lock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/** The race tests' child: wait for the start signal, take the lock, record "pid enter exit" in µs, release. */
final class CriticalSection {
    private CriticalSection() {
    }

    /** The exit code of a holder that found its lease lost around its section (its section is not recorded). */
    static final int LOST = 76;

    /**
     * Exits the JVM: 0 after the section ran, 75 when the lock was held, {@link #LOST} when the
     * lease was lost around the section, 2 when the start signal never came.
     */
    static void run(RunLock lock, Path log, long holdMs, Path go, Duration wait) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Files.exists(go)) {
            if (System.currentTimeMillis() > deadline) System.exit(2);
            Thread.onSpinWait();
        }
        Lease lease;
        try {
            lease = lock.acquire("probe section", wait, s -> { });
        } catch (LockBusyException e) {
            System.out.println(e.getMessage());
            System.exit(75);
            return;
        }
        try (lease) {
            // As the pipeline does around its commits: work counts only while the lease is known held.
            // A lease (the S3 lock) can expire under a holder stalled for longer than it lasts; then
            // another runner may take over, and this holder must find out and count nothing.
            lease.assertHeld();
            long enter = micros();
            long until = System.nanoTime() + holdMs * 1_000_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
            long exit = micros();
            lease.assertHeld();
            Files.writeString(log, ProcessHandle.current().pid() + " " + enter + " " + exit + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (LockLostException e) {
            System.out.println(e.getMessage());
            System.exit(LOST);
        }
        System.exit(0);
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
