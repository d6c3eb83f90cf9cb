package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;
import parkwait.testing.Tmpfs;

/** java.io.tmpdir missing or noexec: SQLite's native library goes to the user's cache folder, or one sentence says what to do. */
class NativeLibraryTest {
    @TempDir Path dir;

    /** Runs ingest.java on a tiny source in a JVM with these options and user.home; returns exit code and output. */
    private JavaProcesses.Result ingest(Path tmpdir, Path home) throws Exception {
        Path source = dir.resolve("src/export/wait_times/wdw");
        Files.createDirectories(source);
        Files.writeString(source.resolve("x.csv"), "date,datetime,SACTMIN,SPOSTMIN\n");
        List<String> cmd = JavaProcesses.command(List.of("-Djava.io.tmpdir=" + tmpdir, "-Duser.home=" + home), "ingest",
                "--source", dir.resolve("src").toString(), "--output-base", dir.resolve("out").toString());
        Path log = dir.resolve("console.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("LOCALAPPDATA");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new JavaProcesses.Result(p.exitValue(), Files.readString(log));
    }

    @Test
    void aMissingTempFolderUnpacksTheLibraryIntoTheUsersCacheFolder() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        JavaProcesses.Result r = ingest(dir.resolve("no-such-tmp"), home);
        assertEquals(0, r.exitCode(), r.output());
        assertFalse(r.output().contains("ERROR") || r.output().contains("\tat "), r.output());
        // sqlite-jdbc removes the unpacked file when the JVM exits; the folder it went to stays.
        assertTrue(Files.isDirectory(home.resolve(".cache/parkwait/native")), "unpacked into the cache folder");
    }

    @Test
    void aNoexecTempFolderUnpacksTheLibraryIntoTheUsersCacheFolder() throws Exception {
        StringBuilder why = new StringBuilder();
        try (Tmpfs tmp = Tmpfs.mount(dir.resolve("noexec"), 64L << 20, "mode=777,noexec", why)) {
            assumeTrue(tmp != null, () -> "skipped: " + why);
            JavaProcesses.Result r = ingest(tmp.dir(), Files.createDirectories(dir.resolve("home")));
            assertEquals(0, r.exitCode(), r.output());
            assertFalse(r.output().contains("ERROR") || r.output().contains("\tat "), r.output());
        }
    }

    @Test
    void whenNoFolderWorksOneSentenceNamesTheTempFolderAndTheRemedy() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("home-is-a-file"), "x"); // no cache folder can be made under it
        JavaProcesses.Result r = ingest(dir.resolve("no-such-tmp"), notAFolder);
        assertEquals(1, r.exitCode(), r.output());
        assertTrue(r.output().contains("SQLite's native library could not be unpacked and loaded from Java's temp folder "
                + dir.resolve("no-such-tmp") + " (it does not exist)"), r.output());
        assertTrue(r.output().contains("JAVA_TOOL_OPTIONS=-Djava.io.tmpdir="), r.output());
        assertTrue(r.output().lines().count() < 5 && !r.output().contains("\tat "), r.output());
    }
}
