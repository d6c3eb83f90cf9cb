package parkwait.lock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A child process for lock tests.
 * <pre>
 *   section STATE_DIR LOG HOLD_MS GO_FILE WAIT_MS
 *                                           wait for GO_FILE, take the lock (waiting up to WAIT_MS), append
 *                                           "pid enterMicros exitMicros" to LOG; exit 0 or 75
 *   hold STATE_DIR READY_FILE [BEAT_MS]     take the lock, create READY_FILE, hold until killed;
 *                                           exit 1 if the lock is lost (heartbeat every BEAT_MS, default 100)
 *   clear STATE_DIR                         lock.java --clear --force, as a separate process; prints its message
 * </pre>
 */
public final class LockProbe {
    public static void main(String[] args) throws Exception {
        Path state = Path.of(args[1]);
        long beat = args[0].equals("hold") && args.length > 3 ? Long.parseLong(args[3]) : 100;
        LockSettings settings = new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMillis(beat));
        FileRunLock lock = new FileRunLock(state, settings, ProcessFacts.system(), Clock.systemUTC());
        switch (args[0]) {
            case "section" -> CriticalSection.run(lock, Path.of(args[2]), Long.parseLong(args[3]), Path.of(args[4]),
                    Duration.ofMillis(Long.parseLong(args[5])));
            case "hold" -> hold(lock, Path.of(args[2]));
            case "clear" -> System.out.println(lock.clear(true, "probe clear --force").message());
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void hold(FileRunLock lock, Path ready) throws Exception {
        Lease lease = lock.acquire("probe hold", Duration.ZERO, s -> { });
        Files.writeString(ready, Long.toString(lease.token()));
        while (true) {
            try {
                lease.assertHeld();
            } catch (LockLostException e) {
                System.out.println(e.getMessage());
                System.exit(1);
            }
            Thread.sleep(20); // the holder's own work loop; tests wait on files, not on this
        }
    }
}
