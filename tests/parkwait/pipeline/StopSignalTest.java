package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.testing.JavaProcesses;

/** SIGTERM and SIGINT (Ctrl+C) stop a real ingest process: the stop is in its log, the lock and temp files are gone. */
class StopSignalTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(29, 30, 240_000).withNasty(false));
    }

    @TempDir Path dir;

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aStoppedRunSaysSoInItsLogReleasesTheLockAndLeavesNoTempFile(String signal) throws Exception {
        assumeTrue(!System.getProperty("os.name").toLowerCase().startsWith("windows"), "skipped: needs POSIX signals (kill)");
        Path out = dir.resolve("out");
        // A temp file an earlier, killed run left: a normal run removes it only once it reaches the CSVs.
        Path leftover = out.resolve("fact_tables/clean/2020-01/wdw_2020-01-01.csv.tmp");
        Files.createDirectories(leftover.getParent());
        Files.writeString(leftover, "half a file");
        Process p = JavaProcesses.startMain(Class.forName("ingest"), dir.resolve("console.log"), Map.of(),
                "--source", bucket.toString(), "--output-base", out.toString());
        assertTrue(JavaProcesses.await(Duration.ofMinutes(2), () -> logText(out).contains("files listed")),
                "the run started loading: " + logText(out));
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the run ends after SIG" + signal);
        String log = logText(out);
        assumeTrue(!log.contains("Summary:"), "skipped: the run finished before the signal reached it");

        assertTrue(log.contains("ERROR The run was stopped from outside"), log);
        assertFalse(Files.exists(out.resolve("state/processing.lock")), "the lock was released");
        assertEquals(List.of(), Pipelines.leftoverTemps(out), "no temp file is left");
    }

    /** The run's log file (logs/ingest_*.log), or "" before it exists. */
    static String logText(Path out) {
        try (Stream<Path> s = Files.list(out.resolve("logs"))) {
            Path log = s.filter(f -> f.getFileName().toString().startsWith("ingest_")).findFirst().orElse(null);
            return log == null ? "" : Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
