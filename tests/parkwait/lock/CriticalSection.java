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

    /** Exits the JVM: 0 after the section ran, 75 when the lock was held, 2 when the start signal never came. */
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
            long enter = micros();
            long until = System.nanoTime() + holdMs * 1_000_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
            long exit = micros();
            Files.writeString(log, ProcessHandle.current().pid() + " " + enter + " " + exit + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        }
        System.exit(0);
    }

    static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }
}
