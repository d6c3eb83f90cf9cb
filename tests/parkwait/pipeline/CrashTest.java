package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.testing.JavaProcesses;

/**
 * kill -9 of a real ingest process at random moments (listing, loading, mid-transaction, writing
 * CSVs), then a rerun that nobody touched: the result equals a clean run's exactly.
 */
@Tag("slow")
class CrashTest {
    /** Real kills wanted (a start that finishes before its kill moment does not count). */
    static final int KILLS = 24;
    static final int MAX_CASES = 48;

    @TempDir Path dir;

    /** The real ingest.java main (compiled into the test runner), as a separate JVM. */
    Process start(Path bucket, Path out, Path log) throws Exception {
        Class<?> main = Class.forName("ingest");
        return JavaProcesses.startMain(main, log, Map.of(), "--source", bucket.toString(), "--output-base", out.toString());
    }

    @Test
    void killsAtTwentyFourRandomMomentsLeaveNothingLostOrDuplicated() throws Exception {
        Path bucket = dir.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(23, 40, 240_000));

        Path reference = dir.resolve("reference");
        long t0 = System.nanoTime();
        Process clean = start(bucket, reference, dir.resolve("reference.log"));
        assertTrue(clean.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, clean.exitValue(), Files.readString(dir.resolve("reference.log")));
        long runMillis = (System.nanoTime() - t0) / 1_000_000;
        String expectedTree = Pipelines.csvTree(reference);
        List<String> expectedRows = Pipelines.dbRows(reference);

        Random random = new Random(20260122);
        Map<String, Integer> phases = new TreeMap<>();
        int killed = 0;
        int cases = 0;
        for (int i = 0; killed < KILLS && i < MAX_CASES; i++) {
            cases++;
            Path out = dir.resolve("run" + i);
            int kills = i % 3 == 2 ? 2 : 1; // every third case also kills the recovering run
            for (int k = 0; k < kills; k++) {
                Path log = dir.resolve("run" + i + "-" + k + ".log");
                long started = System.nanoTime();
                Process p = start(bucket, out, log);
                long delay = (long) (random.nextDouble() * runMillis * 0.9);
                boolean finished = p.waitFor(delay, TimeUnit.MILLISECONDS);
                // The reference run may have been slowed by other work on the machine: a whole run
                // that beat its kill shows how long a run takes now, so later kills land within one.
                if (finished && k == 0) runMillis = Math.min(runMillis, (System.nanoTime() - started) / 1_000_000);
                if (!finished) {
                    p.destroyForcibly(); // SIGKILL
                    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
                }
                if (!finished) killed++;
                phases.merge(finished ? "finished before the kill" : phaseOf(out), 1, Integer::sum);
            }
            Path log = dir.resolve("run" + i + "-rerun.log");
            Process rerun = start(bucket, out, log);
            assertTrue(rerun.waitFor(10, TimeUnit.MINUTES));
            assertEquals(0, rerun.exitValue(), "case " + i + ": the rerun must not be blocked or fail:\n" + Files.readString(log));
            assertEquals(expectedTree, Pipelines.csvTree(out), "case " + i + ": CSV tree differs");
            assertEquals(expectedRows, Pipelines.dbRows(out), "case " + i + ": database rows differ");
            assertEquals(List.of(), Pipelines.leftoverTemps(out), "case " + i + ": temp files left behind");
        }
        assertTrue(killed >= KILLS, "only " + killed + " kills landed in " + cases + " cases");
        System.out.println("crash test: " + killed + " kills in " + cases + " cases, by phase " + phases + ", kills within the first "
                + (long) (runMillis * 0.9) + " ms of a run");
    }

    /** Where the killed run was, from the last line of its log file. */
    static String phaseOf(Path out) throws Exception {
        Path logs = out.resolve("logs");
        if (!Files.isDirectory(logs)) return "starting";
        Path newest;
        try (Stream<Path> s = Files.list(logs)) {
            newest = s.max(java.util.Comparator.comparing(Path::toString)).orElse(null);
        }
        if (newest == null) return "starting";
        List<String> lines = Files.readAllLines(newest);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (last.contains("Writing")) return "writing CSVs";
        if (last.contains("files listed") || last.matches(".*\\[\\d+/\\d+\\].*")) return "loading files";
        if (last.contains("Listing")) return "listing";
        return "starting";
    }
}
