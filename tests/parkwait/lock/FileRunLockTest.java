package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import parkwait.testing.JavaProcesses;
import parkwait.testing.ReadOnly;

/** The file lock on a real folder, with real processes as holders. */
class FileRunLockTest {
    static final LockSettings SETTINGS = new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofSeconds(30));

    @TempDir Path dir;

    FileRunLock lock(Clock clock) {
        return new FileRunLock(dir.resolve("state"), SETTINGS, ProcessFacts.system(), clock);
    }

    FileRunLock lock() {
        return lock(Clock.systemUTC());
    }

    void writeRecord(long pid, String host, Instant processStart, Instant acquired, Instant heartbeat, long token) throws IOException {
        Files.createDirectories(dir.resolve("state"));
        LockInfo info = new LockInfo(1, pid, host, "fred", processStart, acquired, heartbeat, "ingest.java", token);
        Files.writeString(dir.resolve("state").resolve(FileRunLock.LOCK_FILE), LockJson.write(info));
    }

    String audit() throws IOException {
        Path f = dir.resolve("state").resolve(FileRunLock.AUDIT_FILE);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Test
    void acquireWritesTheRecordAndReleaseRemovesIt() throws Exception {
        FileRunLock lock = lock();
        try (Lease lease = lock.acquire("test", Duration.ZERO, s -> { })) {
            LockInfo onDisk = LockJson.parse(Files.readAllBytes(lock.lockFile())).info().orElseThrow();
            assertEquals(lease.info(), onDisk);
            assertEquals(ProcessHandle.current().pid(), onDisk.pid());
            assertEquals(ProcessHandle.current().info().startInstant().orElseThrow().truncatedTo(ChronoUnit.MILLIS),
                    onDisk.processStart().truncatedTo(ChronoUnit.MILLIS));
            assertInstanceOf(Verdict.Held.class, lock.inspect().verdict());
        }
        assertFalse(Files.exists(lock.lockFile()));
        assertInstanceOf(Verdict.Free.class, lock.inspect().verdict());
        String audit = audit();
        assertTrue(audit.contains("\"event\":\"acquired\"") && audit.contains("\"event\":\"released\""), audit);
    }

    @Test
    void fencingTokensStrictlyIncreaseEvenAfterTheRecordIsGone() throws Exception {
        long previous = 0;
        for (int i = 0; i < 3; i++) {
            try (Lease lease = lock().acquire("test", Duration.ZERO, s -> { })) {
                assertTrue(lease.token() > previous, lease.token() + " after " + previous);
                previous = lease.token();
            }
        }
        writeRecord(424242, "OTHER-PC", null, Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(2)), 40);
        try (Lease lease = lock().acquire("test", Duration.ZERO, s -> { })) {
            assertEquals(41, lease.token(), "a takeover continues above the stale holder's token");
            assertEquals(50, lease.raiseToken(50));
        }
        try (Lease lease = lock().acquire("test", Duration.ZERO, s -> { })) {
            assertEquals(51, lease.token());
        }
    }

    @Test
    void deadHolderOnThisHostIsTakenOverAtOnceAndAudited() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version").start();
        Instant start = p.toHandle().info().startInstant().orElse(null);
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        writeRecord(p.pid(), ProcessFacts.system().hostName(), start, Instant.now(), Instant.now(), 3);

        Verdict v = lock().inspect().verdict();
        assertEquals(Verdict.StaleReason.DEAD_HOLDER, assertInstanceOf(Verdict.Stale.class, v).reason());
        RunLock.Attempt a = lock().tryAcquire("test");
        RunLock.Acquired acquired = assertInstanceOf(RunLock.Acquired.class, a);
        acquired.lease().close();
        assertTrue(audit().contains("\"event\":\"stale-taken-over\""), audit());
    }

    @Test
    void livePidWithAnotherStartTimeIsTreatedAsReused() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        Instant realStart = me.info().startInstant().orElseThrow();
        writeRecord(me.pid(), ProcessFacts.system().hostName(), realStart.minus(Duration.ofHours(1)), Instant.now(), Instant.now(), 3);
        Verdict v = lock().inspect().verdict();
        assertEquals(Verdict.StaleReason.PID_REUSED, assertInstanceOf(Verdict.Stale.class, v).reason());
        RunLock.Acquired acquired = assertInstanceOf(RunLock.Acquired.class, lock().tryAcquire("test"));
        acquired.lease().close();
    }

    @Test
    void foreignHolderIsJudgedByHeartbeatAge() throws Exception {
        writeRecord(1, "OTHER-PC", null, Instant.now().minus(Duration.ofHours(30)), Instant.now().minus(Duration.ofMinutes(2)), 5);
        assertInstanceOf(Verdict.HeldRemote.class, lock().inspect().verdict());
        RunLock.Refused refused = assertInstanceOf(RunLock.Refused.class, lock().tryAcquire("test"));
        assertInstanceOf(Verdict.HeldRemote.class, refused.verdict());

        writeRecord(1, "OTHER-PC", null, Instant.now().minus(Duration.ofHours(30)), Instant.now().minus(Duration.ofMinutes(20)), 5);
        Verdict v = lock().inspect().verdict();
        assertEquals(Verdict.StaleReason.REMOTE_SILENT, assertInstanceOf(Verdict.Stale.class, v).reason());
        assertInstanceOf(RunLock.Acquired.class, lock().tryAcquire("test")).lease().close();
    }

    @Test
    void killedHolderIsTakenOverByTheNextStartAtOnce() throws Exception {
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", dir.resolve("state").toString(), ready.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)), "holder never took the lock");
            assertInstanceOf(Verdict.Held.class, lock().inspect().verdict());
            assertInstanceOf(RunLock.Refused.class, lock().tryAcquire("test"));
            holder.destroyForcibly(); // SIGKILL: no finally, no shutdown hook
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));

            Verdict v = lock().inspect().verdict();
            assertEquals(Verdict.StaleReason.DEAD_HOLDER, assertInstanceOf(Verdict.Stale.class, v).reason());
            RunLock.Acquired acquired = assertInstanceOf(RunLock.Acquired.class, lock().tryAcquire("test"));
            assertEquals(Long.parseLong(Files.readString(ready)) + 1, acquired.lease().token());
            acquired.lease().close();
            assertTrue(audit().contains("\"event\":\"stale-taken-over\"") && audit().contains("is no longer running"), audit());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void liveHolderIsNeverTakenOverHoweverOld() throws Exception {
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", dir.resolve("state").toString(), ready.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)), "holder never took the lock");
            // Seen from 48 hours later: older than every limit, still alive on this host.
            Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(48));
            RunLock.Refused refused = assertInstanceOf(RunLock.Refused.class, lock(later).tryAcquire("test"));
            Verdict.Held held = assertInstanceOf(Verdict.Held.class, refused.verdict());
            assertTrue(held.possiblyHung());
            assertEquals(holder.pid(), held.holder().pid());
            assertTrue(holder.isAlive());
        } finally {
            holder.destroyForcibly();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"empty", "whitespace", "binary", "truncated", "wrong-shape-object", "wrong-shape-array",
            "wrong-types", "ten-megabytes"})
    void corruptLockFileGetsAVerdictAndIsTakenOverWhenNobodyHoldsIt(String kind) throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        Path file = state.resolve(FileRunLock.LOCK_FILE);
        byte[] content = switch (kind) {
            case "empty" -> new byte[0];
            case "whitespace" -> " \n\t \r\n".getBytes(StandardCharsets.US_ASCII);
            case "binary" -> { byte[] b = new byte[4096]; new Random(7).nextBytes(b); yield b; }
            case "truncated" -> "{\"version\":1,\"pid\":4120,\"host\":\"FRED-PC\",\"acquiredAt\":\"2026-01-".getBytes(StandardCharsets.UTF_8);
            case "wrong-shape-object" -> "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
            case "wrong-shape-array" -> "[1,2,3]".getBytes(StandardCharsets.UTF_8);
            case "wrong-types" -> "{\"pid\":\"abc\",\"host\":7,\"acquiredAt\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8);
            default -> "x".repeat(10 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
        };
        Files.write(file, content);
        RunLock.Inspection in = lock().inspect();
        Verdict.Stale stale = assertInstanceOf(Verdict.Stale.class, in.verdict());
        assertEquals(Verdict.StaleReason.UNREADABLE, stale.reason());
        assertTrue(stale.why().startsWith("the lock file is unreadable ("), stale.why());
        RunLock.Acquired acquired = assertInstanceOf(RunLock.Acquired.class, lock().tryAcquire("test"));
        acquired.lease().close();
        assertFalse(Files.exists(file));
    }

    @Test
    void corruptLockFileWhileAProcessHoldsTheLockIsHeld() throws Exception {
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", dir.resolve("state").toString(), ready.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)));
            Files.writeString(dir.resolve("state").resolve(FileRunLock.LOCK_FILE), "{garbage");
            assertInstanceOf(Verdict.Held.class, lock().inspect().verdict());
            assertInstanceOf(RunLock.Refused.class, lock().tryAcquire("test"));
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void folderInPlaceOfTheLockFileIsUnusableWithAnExplanation() throws Exception {
        Files.createDirectories(dir.resolve("state").resolve(FileRunLock.LOCK_FILE));
        Verdict.Unusable u = assertInstanceOf(Verdict.Unusable.class, lock().inspect().verdict());
        assertTrue(u.why().contains("folder"), u.why());
        LockUnusableException e = org.junit.jupiter.api.Assertions.assertThrows(LockUnusableException.class,
                () -> lock().acquire("test", Duration.ZERO, s -> { }));
        assertTrue(e.getMessage().contains("To fix it: remove that folder"), e.getMessage());
    }

    @Test
    void readOnlyStateFolderIsUnusableWithAnExplanation() throws Exception {
        Path state = Files.createDirectories(dir.resolve("state"));
        ReadOnly.make(state);
        try {
            LockUnusableException e = org.junit.jupiter.api.Assertions.assertThrows(LockUnusableException.class,
                    () -> lock().acquire("test", Duration.ZERO, s -> { }));
            assertTrue(e.getMessage().contains("is read-only") && e.getMessage().contains("--state-dir"), e.getMessage());
            assertInstanceOf(Verdict.Free.class, lock().inspect().verdict());
        } finally {
            ReadOnly.undo(state);
        }
    }

    @Test
    void clearRefusesALiveHolderClearsAStaleOneAndForceClearsALiveOne() throws Exception {
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", dir.resolve("state").toString(), ready.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)));
            RunLock.ClearResult refused = lock().clear(false, "lock.java --clear");
            assertFalse(refused.cleared());
            assertTrue(refused.message().contains("pid " + holder.pid()), refused.message());

            RunLock.ClearResult forced = lock().clear(true, "lock.java --clear --force");
            assertTrue(forced.cleared());
            assertTrue(forced.message().contains("WARNING"), forced.message());
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder did not notice it lost the lock");
            assertEquals(1, holder.exitValue());
            assertTrue(audit().contains("\"event\":\"force-cleared\"") && audit().contains("\"event\":\"lost\""), audit());
        } finally {
            holder.destroyForcibly();
        }
        writeRecord(424242, "OTHER-PC", null, Instant.now().minus(Duration.ofDays(2)), Instant.now().minus(Duration.ofDays(2)), 9);
        RunLock.ClearResult stale = lock().clear(false, "lock.java --clear");
        assertTrue(stale.cleared(), stale.message());
        assertInstanceOf(Verdict.Free.class, lock().inspect().verdict());
    }
}
