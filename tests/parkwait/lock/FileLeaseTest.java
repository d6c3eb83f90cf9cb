package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/** The holder's side of lock.java --clear --force: the heartbeat cannot undo it, and the holder is fenced at once. */
class FileLeaseTest {
    /** The timer never beats during a test; the tests call beat() themselves. */
    static final LockSettings SETTINGS = new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(2));

    @TempDir Path dir;

    FileRunLock lock() {
        return new FileRunLock(dir.resolve("state"), SETTINGS, ProcessFacts.system(), Clock.systemUTC());
    }

    /** --clear --force from another process (this JVM holds the lock, and a clear in the holder's JVM is refused). */
    String forceClearFromAnotherProcess() {
        try {
            Path log = Files.createTempFile(dir, "clear", ".log");
            Process p = JavaProcesses.startMain(LockProbe.class, log, Map.of(), "clear", dir.resolve("state").toString());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the clear did not finish");
            String said = Files.readString(log);
            assertEquals(0, p.exitValue(), said);
            return said;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aForcedClearLandingBetweenTheHeartbeatsReadAndWriteIsNotUndone() throws Exception {
        FileRunLock lock = lock();
        FileLease lease = (FileLease) lock.acquire("holder", Duration.ZERO, s -> { });
        try (lease) {
            AtomicReference<String> said = new AtomicReference<>();
            lease.betweenReadAndWrite(() -> said.set(forceClearFromAnotherProcess()));
            lease.beat();
            assertTrue(said.get().contains("Cleared by force"), said.get());
            assertFalse(Files.exists(lock.lockFile()), "the heartbeat wrote back the record the forced clear removed");
            LockLostException e = assertThrows(LockLostException.class, lease::assertHeld);
            assertTrue(e.getMessage().contains("cleared by force"), e.getMessage());
        }
    }

    @Test
    void aForcedClearFencesTheHolderAtOnceNotAtItsNextHeartbeat() throws Exception {
        FileLease lease = (FileLease) lock().acquire("holder", Duration.ZERO, s -> { });
        try (lease) {
            lease.assertHeld();
            forceClearFromAnotherProcess();
            LockLostException e = assertThrows(LockLostException.class, lease::assertHeld);
            assertTrue(e.getMessage().contains("cleared by force"), e.getMessage());
        }
    }

    @Test
    void aLockFileUnreadableForAMomentOrRemovedByHandDoesNotStopTheHolder() throws Exception {
        // Windows refuses reads while a rename replaces the file; a person may delete it. Neither is a
        // forced clear (that raises the fence), so the heartbeat writes the record again and the run goes on.
        FileRunLock lock = lock();
        FileLease lease = (FileLease) lock.acquire("holder", Duration.ZERO, s -> { });
        try (lease) {
            Files.writeString(lock.lockFile(), "{garbage");
            lease.beat();
            lease.assertHeld();
            assertEquals(lease.token(), LockJson.parse(Files.readAllBytes(lock.lockFile())).info().orElseThrow().token());
            Files.delete(lock.lockFile());
            lease.beat();
            lease.assertHeld();
            assertTrue(Files.exists(lock.lockFile()), "the heartbeat did not write the record again");
        }
        assertFalse(Files.exists(lock.lockFile()));
    }
}
