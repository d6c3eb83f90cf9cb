package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;
import parkwait.testing.JavaProcesses.Result;

/** lock.java and status.java as a person runs them: real processes through ./jbang. */
class LockCliTest {
    static final Duration DEADLINE = Duration.ofMinutes(3);

    @TempDir Path dir;

    @BeforeAll
    static void build() throws Exception {
        JavaProcesses.buildScript("lock.java");
        JavaProcesses.buildScript("status.java");
    }

    Result run(String... args) throws Exception {
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--output-base";
        full[args.length + 1] = dir.toString();
        return JavaProcesses.runScript(DEADLINE, Map.of(), full);
    }

    static void assertNoStackTrace(Result r) {
        assertFalse(r.output().contains("Exception") || r.output().contains("\tat "), r.output());
    }

    /** The JSON document on stdout (stderr is merged; jbang prints nothing there for a built script). */
    static JsonNode json(Result r) throws Exception {
        String out = r.output();
        return LockJson.MAPPER.readTree(out.substring(out.indexOf('{')));
    }

    @Test
    void freeLockIsShownAndChecksAsZero() throws Exception {
        Result show = run("lock.java");
        assertEquals(0, show.exitCode(), show.output());
        assertTrue(show.output().contains("Verdict:   FREE - no run holds the lock"), show.output());
        assertEquals(0, run("lock.java", "--check").exitCode());
    }

    @Test
    void liveHolderIsShownRefusedByClearAndRemovedByForce() throws Exception {
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", dir.resolve("state").toString(), ready.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)));
            assertEquals(75, run("lock.java", "--check").exitCode());

            Result shown = run("lock.java", "--json");
            assertEquals(75, shown.exitCode(), shown.output());
            JsonNode doc = json(shown);
            assertEquals("HELD", doc.get("verdict").asText());
            assertEquals(holder.pid(), doc.get("holder").get("pid").asLong());

            JsonNode status = json(run("status.java", "--json"));
            assertEquals("HELD", status.get("lock").get("verdict").asText());
            assertEquals(doc.get("reason").asText(), status.get("lock").get("reason").asText());

            Result refused = run("lock.java", "--clear");
            assertEquals(75, refused.exitCode(), refused.output());
            assertTrue(refused.output().contains("pid " + holder.pid()) && refused.output().contains("--clear --force"), refused.output());

            Result forced = run("lock.java", "--clear", "--force");
            assertEquals(0, forced.exitCode(), forced.output());
            assertTrue(forced.output().contains("WARNING"), forced.output());
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the holder did not stop after losing its lock");
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void garbageLockFileIsExplainedNotACrash() throws Exception {
        Files.createDirectories(dir.resolve("state"));
        Files.write(dir.resolve("state").resolve(FileRunLock.LOCK_FILE), new byte[] {0, (byte) 0xff, 0x7b, 0x22});
        Result r = run("lock.java");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("STALE - the lock file is unreadable") && r.output().contains("Next:"), r.output());
        assertNoStackTrace(r);
        Result cleared = run("lock.java", "--clear");
        assertEquals(0, cleared.exitCode(), cleared.output());
        assertFalse(Files.exists(dir.resolve("state").resolve(FileRunLock.LOCK_FILE)));
    }

    @Test
    void folderInPlaceOfTheLockFileExitsOneWithWhatToDo() throws Exception {
        Files.createDirectories(dir.resolve("state").resolve(FileRunLock.LOCK_FILE));
        Result r = run("lock.java");
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("UNUSABLE") && r.output().contains("remove that folder"), r.output());
        assertNoStackTrace(r);
    }

    @Test
    void forceWithoutClearIsAUsageError() throws Exception {
        Result r = run("lock.java", "--force");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("--force only makes sense with --clear"), r.output());
    }
}
