package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.lock.ProcessFacts;
import parkwait.testing.JavaProcesses;

/** The real ingest.java, started ten times at once through ./jbang, five rounds: exactly one ingests. */
@Tag("slow")
class ConcurrentStartsTest {
    static final int PROCESSES = 10;
    static final int ROUNDS = 5;

    @TempDir static Path shared;
    static Path bucket;
    static String expectedTree;

    @BeforeAll
    static void prepare() throws Exception {
        JavaProcesses.buildScript("ingest.java"); // concurrent first builds corrupt JBang's cache (jbang#2445)
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(31, 30, 200_000).withNasty(false));
        Path reference = shared.resolve("reference");
        Pipelines.ingestDir(bucket, reference);
        expectedTree = Pipelines.csvTree(reference);
    }

    @TempDir Path dir;

    @Test
    void tenStartsAtOnceGiveOneRunAndNineExit75NamingTheHolder() throws Exception {
        String host = ProcessFacts.system().hostName();
        List<Long> loserMillis = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            Path out = dir.resolve("round" + round);
            List<Process> ps = new ArrayList<>();
            List<Long> started = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                started.add(System.nanoTime());
                ps.add(JavaProcesses.startScript(dir.resolve("r" + round + "p" + i + ".log"), Map.of(),
                        "ingest.java", "--source", bucket.toString(), "--output-base", out.toString()));
            }
            long winner = -1;
            int refused = 0;
            List<String> loserOutputs = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                Process p = ps.get(i);
                assertTrue(p.waitFor(10, TimeUnit.MINUTES), "round " + round + " process " + i + " hung");
                long ms = (System.nanoTime() - started.get(i)) / 1_000_000;
                String output = Files.readString(dir.resolve("r" + round + "p" + i + ".log"));
                if (p.exitValue() == 0) {
                    assertEquals(-1, winner, "round " + round + ": two runs ingested");
                    winner = p.pid();
                } else {
                    assertEquals(75, p.exitValue(), "round " + round + " process " + i + ":\n" + output);
                    refused++;
                    loserOutputs.add(output);
                    loserMillis.add(ms);
                }
            }
            assertTrue(winner > 0, "round " + round + ": nobody ingested");
            assertEquals(PROCESSES - 1, refused);
            for (String o : loserOutputs) {
                assertTrue(o.contains("Another run holds the lock: pid " + winner + " on " + host), o);
            }
            assertEquals(expectedTree, Pipelines.csvTree(out), "round " + round + ": outputs differ from one clean run");
        }
        loserMillis.sort(null);
        System.out.println("concurrent starts: " + ROUNDS + " rounds x " + PROCESSES + " ./jbang ingest.java; refused"
                + " processes exited 75 after (ms, from start through ./jbang) min " + loserMillis.get(0) + ", median "
                + loserMillis.get(loserMillis.size() / 2) + ", max " + loserMillis.get(loserMillis.size() - 1));
    }

    @Test
    void aSecondStartWithWaitWaitsThenFindsNothingNew() throws Exception {
        Path out = dir.resolve("out");
        Process first = JavaProcesses.startScript(dir.resolve("first.log"), Map.of(),
                "ingest.java", "--source", bucket.toString(), "--output-base", out.toString());
        Path lock = out.resolve("state").resolve("processing.lock");
        assertTrue(JavaProcesses.await(Duration.ofMinutes(2), () -> Files.exists(lock)), "the first run never took the lock");
        Process second = JavaProcesses.startScript(dir.resolve("second.log"), Map.of(),
                "ingest.java", "--source", bucket.toString(), "--output-base", out.toString(), "--wait", "5m");
        assertTrue(first.waitFor(10, TimeUnit.MINUTES));
        assertTrue(second.waitFor(10, TimeUnit.MINUTES));
        String secondOut = Files.readString(dir.resolve("second.log"));
        assertEquals(0, first.exitValue(), Files.readString(dir.resolve("first.log")));
        assertEquals(0, second.exitValue(), secondOut);
        assertTrue(secondOut.contains("Waiting for the lock: pid " + first.pid()), secondOut);
        assertTrue(secondOut.contains("0 to load"), secondOut);
        assertEquals(expectedTree, Pipelines.csvTree(out));
    }
}
