package parkwait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.lock.LockProbe;
import parkwait.testing.JavaProcesses;

/**
 * The commands a refused run and lock.java suggest work as pasted: they name the launcher the user
 * started and the folders in use, and a --wait that timed out is not told to try 30m blindly
 * (issue 11 item 7). A real holder process, real ingest and lock.java processes.
 */
class RefusalHintsTest {
    @TempDir Path dir;

    @Test
    void aRefusedRunAndLockJavaSuggestCommandsForThisOutputFolderAndLauncher() throws Exception {
        Path out = dir.resolve("my waits");
        Path state = Files.createDirectories(out.resolve("state"));
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", state.toString(), ready.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofMinutes(2), () -> Files.exists(ready)), "the holder took the lock");
            String bucket = JavaProcesses.projectHome().resolve("examples/bucket").toString();
            Map<String, String> env = Map.of("PARKWAIT_LAUNCHER", "./jbang", "PARKWAIT_HOME", dir.toString());
            ScriptRun refused = ScriptRun.run(dir, env, "ingest", "--source", bucket, "--output-base", out.toString(), "--wait", "1s");
            assertEquals(ExitCodes.LOCKED, refused.exit(), refused.all());
            assertTrue(refused.err().contains("to see it, run: ./jbang lock.java --output-base '" + out + "'"), refused.all());
            assertTrue(refused.err().contains("use --wait 30m (it waited 1 s in vain)"), refused.all());

            ScriptRun shown = ScriptRun.run(dir, env, "lock", "--output-base", out.toString());
            assertEquals(ExitCodes.LOCKED, shown.exit(), shown.all());
            assertTrue(shown.out().contains("Verdict:   HELD"), shown.all());
            ScriptRun force = ScriptRun.run(dir, env, "lock", "--output-base", out.toString(), "--force");
            assertEquals(ExitCodes.USAGE, force.exit(), force.all());
            assertTrue(force.err().contains("Example: ./jbang lock.java --output-base '" + out + "' --clear --force"), force.all());
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }
}
