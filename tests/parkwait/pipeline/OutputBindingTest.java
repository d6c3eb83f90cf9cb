package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/**
 * Issue 12: the lock lives in the state folder, so one output folder with two state folders, or two
 * output folders sharing one, must be refused (exit 2, one sentence), from real ingest processes.
 */
class OutputBindingTest {
    static final Path BUCKET = JavaProcesses.projectHome().resolve("examples").resolve("bucket");

    @TempDir Path dir;

    record Run(int exitCode, String output) {
    }

    Process start(Path out, Path state, Path log, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("--source", BUCKET.toString(), "--output-base", out.toString(),
                "--state-dir", state.toString()));
        args.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(JavaProcesses.command(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"),
                "ingest", args.toArray(String[]::new))).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PARKWAIT_HOME", dir.toString()); // no project config
        return pb.start();
    }

    Run ingest(Path out, Path state, String... more) throws Exception {
        Path log = Files.createTempFile(dir, "ingest", ".log");
        Process p = start(out, state, log, more);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "ingest did not finish");
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void aSecondStateFolderOnOneOutputAndASecondOutputOnOneStateFolderAreRefused() throws Exception {
        Path out = dir.resolve("out");
        Path state = dir.resolve("state-a");
        Run first = ingest(out, state);
        assertEquals(0, first.exitCode(), first.output());
        String tree = Pipelines.csvTree(out);
        assertFalse(tree.isEmpty());

        Run secondState = ingest(out, dir.resolve("state-b"));
        assertEquals(2, secondState.exitCode(), secondState.output());
        assertTrue(secondState.output().contains("is already written with another state folder"), secondState.output());
        assertEquals(tree, Pipelines.csvTree(out));

        Path other = dir.resolve("other-out");
        Run secondOutput = ingest(other, state);
        assertEquals(2, secondOutput.exitCode(), secondOutput.output());
        assertTrue(secondOutput.output().contains("keeps the database of another output folder")
                && secondOutput.output().contains("--full-rebuild"), secondOutput.output());
        assertEquals("", Pipelines.csvTree(other));

        // The remedy the sentence gives: a full rebuild writes the whole output folder from that database.
        Run rebuilt = ingest(other, state, "--full-rebuild");
        assertEquals(0, rebuilt.exitCode(), rebuilt.output());
        assertEquals(tree, Pipelines.csvTree(other));
        assertEquals(2, ingest(out, state).exitCode(), "the state folder now belongs to the rebuilt output folder");
    }

    @Test
    void twoStateFoldersStartedTogetherOnOneOutputRunOneAtMostAndNeverCrash() throws Exception {
        Path out = dir.resolve("out");
        Process a = start(out, dir.resolve("state-a"), dir.resolve("a.log"));
        Process b = start(out, dir.resolve("state-b"), dir.resolve("b.log"));
        assertTrue(a.waitFor(180, TimeUnit.SECONDS) && b.waitFor(180, TimeUnit.SECONDS), "ingest did not finish");
        String said = Files.readString(dir.resolve("a.log")) + Files.readString(dir.resolve("b.log"));
        List<Integer> codes = new ArrayList<>(List.of(a.exitValue(), b.exitValue()));
        codes.sort(null);
        assertEquals(List.of(0, 2), codes, said);
        assertFalse(said.contains("Internal error") || said.contains("Exception"), said);
    }

    @Test
    void aRunKilledBetweenTheTwoBindingWritesIsFinishedByTheNextRunOnTheSameStateFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path state = Files.createDirectories(dir.resolve("state"));
        // What a kill -9 right after the output's file was written leaves behind.
        Files.writeString(out.resolve(OutputBinding.OUTPUT_FILE), "id-1\n" + state.toAbsolutePath().normalize() + "\n");
        OutputBinding.check(out, state, false);
        assertEquals("id-1", Files.readString(state.resolve(OutputBinding.STATE_FILE)).trim());
        OutputBinding.check(out, state, false);

        Path other = Files.createDirectories(dir.resolve("other-state"));
        parkwait.cli.UserException e = org.junit.jupiter.api.Assertions.assertThrows(parkwait.cli.UserException.class,
                () -> OutputBinding.check(out, other, false));
        assertEquals(2, e.exitCode());
        assertFalse(Files.exists(other.resolve(OutputBinding.STATE_FILE)));
    }
}
