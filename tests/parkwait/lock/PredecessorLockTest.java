package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The predecessor's text lock file (DESIGN 4.7), read and judged like our own records. */
class PredecessorLockTest {
    static final LockSettings SETTINGS = new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofSeconds(30));
    static final String HOST = ProcessFacts.system().hostName();

    @TempDir Path dir;

    FileRunLock lock() {
        return new FileRunLock(dir.resolve("state"), SETTINGS, ProcessFacts.system(), Clock.systemUTC());
    }

    /** What the predecessor wrote: Python's str(datetime.now()), local time without an offset. */
    void writeOldLock(long pid, Instant start) throws IOException {
        String local = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
                .format(LocalDateTime.ofInstant(start, ZoneId.systemDefault()));
        Files.createDirectories(dir.resolve("state"));
        Files.writeString(dir.resolve("state").resolve(FileRunLock.LOCK_FILE),
                "PID: " + pid + "\r\nStart: " + local + "\r\nScript: C:\\etl\\daily_etl.py\r\n", StandardCharsets.UTF_8);
    }

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version").start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.pid();
    }

    String audit() throws IOException {
        Path f = dir.resolve("state").resolve(FileRunLock.AUDIT_FILE);
        return Files.exists(f) ? Files.readString(f) : "";
    }

    @Test
    void textLockIsReadAsAHolderOnThisHostWithoutToken() {
        String text = "PID: 4120\nStart: 2024-01-15T05:00:02.123456\nScript: /opt/etl/daily_etl.py\n";
        LockInfo info = LockJson.parse(text.getBytes(StandardCharsets.UTF_8), "FRED-PC", null).info().orElseThrow();
        Instant start = LocalDateTime.of(2024, 1, 15, 5, 0, 2, 123_456_000).atZone(ZoneId.systemDefault()).toInstant();
        assertEquals(new LockInfo(LockInfo.PREDECESSOR_VERSION, 4120, "FRED-PC", null, null, start, start,
                "/opt/etl/daily_etl.py", 0), info);
        assertTrue(info.isPredecessor());
    }

    @Test
    void startTimesWithOffsetOrMissingAreHandled() {
        Instant mtime = Instant.parse("2024-02-01T10:00:00Z");
        LockInfo withOffset = LockJson.parse("PID: 7\nStart: 2024-01-15 05:00:02+01:00\n".getBytes(StandardCharsets.UTF_8),
                "H", mtime).info().orElseThrow();
        assertEquals(Instant.parse("2024-01-15T04:00:02Z"), withOffset.acquiredAt());
        assertNull(withOffset.command());
        LockInfo noStart = LockJson.parse("pid: 7\nStart: sometime\n".getBytes(StandardCharsets.UTF_8), "H", mtime)
                .info().orElseThrow();
        assertEquals(mtime, noStart.acquiredAt(), "the file's mtime stands in for an unreadable Start");
        LockJson.Parsed noPid = LockJson.parse("Start: 2024-01-15 05:00:02\n".getBytes(StandardCharsets.UTF_8), "H", mtime);
        assertTrue(noPid.info().isEmpty(), "no PID line: not a lock record");
    }

    @Test
    void ourJsonRecordsStillNeedAToken() {
        String json = "{\"version\":1,\"pid\":5,\"host\":\"H\",\"acquiredAt\":\"2024-01-15T05:00:00Z\","
                + "\"heartbeatAt\":\"2024-01-15T05:00:00Z\"}";
        assertTrue(LockJson.parse(json.getBytes(StandardCharsets.UTF_8), "H", null).info().isEmpty());
        String noVersion = "{\"pid\":5,\"host\":\"H\",\"acquiredAt\":\"2024-01-15T05:00:00Z\","
                + "\"heartbeatAt\":\"2024-01-15T05:00:00Z\"}";
        assertTrue(LockJson.parse(noVersion.getBytes(StandardCharsets.UTF_8), "H", null).info().isEmpty());
    }

    @Test
    void deadPredecessorIsStaleTakenOverAndAudited() throws Exception {
        writeOldLock(deadPid(), Instant.now().minus(Duration.ofHours(3)));
        Verdict v = lock().inspect().verdict();
        Verdict.Stale stale = assertInstanceOf(Verdict.Stale.class, v);
        assertEquals(Verdict.StaleReason.DEAD_HOLDER, stale.reason());
        assertTrue(v.why().startsWith("a lock left by the predecessor: "), v.why());
        assertTrue(Words.holder(v, Instant.now()).contains("a lock left by the predecessor, script C:\\etl\\daily_etl.py"));

        FileRunLock.Acquired acquired = assertInstanceOf(FileRunLock.Acquired.class, lock().tryAcquire("test"));
        try (Lease lease = acquired.lease()) {
            assertEquals(1, lease.token());
            LockInfo onDisk = LockJson.parse(Files.readAllBytes(lock().lockFile())).info().orElseThrow();
            assertFalse(onDisk.isPredecessor(), "our own JSON record replaced the text one");
            assertTrue(Files.readString(lock().lockFile()).startsWith("{\"version\":1,"));
        }
        String audit = audit();
        assertTrue(audit.contains("\"event\":\"stale-taken-over\"") && audit.contains("a lock left by the predecessor"), audit);
    }

    @Test
    void livePredecessorIsHeldAndNeverTakenOver() throws Exception {
        writeOldLock(ProcessHandle.current().pid(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Verdict v = lock().inspect().verdict();
        assertInstanceOf(Verdict.Held.class, v);
        assertTrue(v.why().startsWith("a lock left by the predecessor: pid " + ProcessHandle.current().pid()
                + " is still running"), v.why());
        FileRunLock.Refused refused = assertInstanceOf(FileRunLock.Refused.class, lock().tryAcquire("test"));
        assertInstanceOf(Verdict.Held.class, refused.verdict());
        assertTrue(Files.readString(lock().lockFile()).startsWith("PID: "), "the old lock is left alone");
    }

    @Test
    void livePidThatStartedAfterTheOldLockWasTakenIsAReusedPid() throws Exception {
        Instant myStart = ProcessHandle.current().info().startInstant().orElseThrow();
        writeOldLock(ProcessHandle.current().pid(), myStart.minus(Duration.ofDays(1)));
        Verdict v = lock().inspect().verdict();
        assertEquals(Verdict.StaleReason.PID_REUSED, assertInstanceOf(Verdict.Stale.class, v).reason());
        assertTrue(v.why().contains("predecessor"), v.why());
    }
}
