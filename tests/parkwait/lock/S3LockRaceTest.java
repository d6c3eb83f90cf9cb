package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;
import parkwait.testing.S3MockServer;
import parkwait.testing.SerialProxy;

/**
 * Processes on different (simulated) hosts race for one S3 lock: exactly one holder at a time.
 * Requests go through a one-at-a-time proxy because S3Mock's own conditional writes race (DESIGN 8).
 */
@Tag("slow")
class S3LockRaceTest {
    static final int ROUNDS = 3;
    static SerialProxy proxy;

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        proxy = new SerialProxy(S3MockServer.shared().endpoint());
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @ParameterizedTest(name = "{0} processes")
    @ValueSource(ints = {2, 10})
    void processesOnDifferentHostsNeverHoldTheS3LockTogether(int processes) throws Exception {
        int total = 0;
        int lostTotal = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            boolean waiting = round != 1; // round 1 fails fast; later rounds wait, so every process runs in turn
            String key = "race/" + UUID.randomUUID() + ".lock";
            Path roundDir = Files.createDirectories(dir.resolve(processes + "-" + round));
            Path log = roundDir.resolve("sections.log");
            Path go = roundDir.resolve("go");
            List<Process> ps = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                ps.add(JavaProcesses.startMain(S3LockProbe.class, roundDir.resolve("p" + i + ".log"),
                        Map.of("PARKWAIT_HOST", "HOST-" + i), "section", proxy.endpoint().toString(),
                        S3MockServer.LOCK_BUCKET, key, log.toString(), "50", go.toString(), waiting ? "180000" : "0"));
            }
            Files.createFile(go);
            int ran = 0;
            int lost = 0;
            for (int i = 0; i < processes; i++) {
                Process p = ps.get(i);
                if (!p.waitFor(5, TimeUnit.MINUTES)) {
                    ps.forEach(Process::destroyForcibly);
                    fail("round " + round + ": process " + i + " did not finish");
                }
                String out = Files.readString(roundDir.resolve("p" + i + ".log"));
                assertTrue(p.exitValue() == 0 || p.exitValue() == 75 || p.exitValue() == CriticalSection.LOST,
                        "exit " + p.exitValue() + ": " + out);
                if (p.exitValue() == 0) ran++;
                if (p.exitValue() == CriticalSection.LOST) lost++;
            }
            List<long[]> sections = new ArrayList<>();
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    String[] f = line.trim().split(" ");
                    sections.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
                }
            }
            assertEquals(ran, sections.size());
            assertTrue(ran >= 1, "nobody ran");
            if (waiting) assertEquals(processes, ran + lost, "with a wait every process gets the lock in turn");
            assertTrue(lost < processes, "round " + round + ": every holder lost its lease");
            sections.sort(Comparator.comparingLong(s -> s[0]));
            for (int i = 1; i < sections.size(); i++) {
                assertTrue(sections.get(i)[0] >= sections.get(i - 1)[1], "round " + round + ": two holders at once");
            }
            total += ran;
            lostTotal += lost;
        }
        // Sections of holders that confirmed their lease before and after never overlap. A holder
        // stalled past its lease loses it and counts nothing.
        System.out.println("S3 lock race: " + ROUNDS + " rounds x " + processes + " processes on different hosts, "
                + total + " critical sections, no overlap; " + lostTotal + " holders found their lease lost");
    }
}
