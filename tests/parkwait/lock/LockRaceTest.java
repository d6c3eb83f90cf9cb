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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/** Many real processes started together: exactly one at a time runs its critical section. */
@Tag("slow")
class LockRaceTest {
    static final int PROCESSES = 20;
    static final int ROUNDS = 5;

    @TempDir Path dir;

    @Test
    void twentyProcessesStartedAtOnceNeverOverlapAndTheRestExit75() throws Exception {
        int totalRan = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            // Odd rounds fail fast (one runs, the rest exit 75); even rounds wait, so all 20 run one after another.
            boolean waiting = round % 2 == 0;
            Path roundDir = Files.createDirectories(dir.resolve("round" + round));
            Path state = roundDir.resolve("state");
            Path log = roundDir.resolve("sections.log");
            Path go = roundDir.resolve("go");
            List<Process> processes = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                processes.add(JavaProcesses.startMain(LockProbe.class, roundDir.resolve("p" + i + ".log"), Map.of(),
                        "section", state.toString(), log.toString(), "30", go.toString(), waiting ? "120000" : "0"));
            }
            Files.createFile(go); // all of them are spinning on this file: they race from here
            int ran = 0;
            for (int i = 0; i < PROCESSES; i++) {
                Process p = processes.get(i);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    processes.forEach(Process::destroyForcibly);
                    fail("round " + round + ": process " + i + " did not finish");
                }
                int code = p.exitValue();
                String out = Files.readString(roundDir.resolve("p" + i + ".log"));
                assertTrue(code == 0 || code == 75, "round " + round + " process " + i + " exited " + code + ": " + out);
                if (code == 0) ran++;
                if (code == 75) assertTrue(out.contains("Another run holds the lock"), out);
            }
            List<long[]> sections = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                String[] f = line.trim().split(" ");
                sections.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
            assertEquals(ran, sections.size(), "every process that exited 0 recorded its section");
            assertTrue(ran >= 1, "round " + round + ": nobody ran");
            if (waiting) assertEquals(PROCESSES, ran, "round " + round + ": with --wait every process runs in turn");
            sections.sort(Comparator.comparingLong(s -> s[0]));
            for (int i = 1; i < sections.size(); i++) {
                assertTrue(sections.get(i)[0] >= sections.get(i - 1)[1], "round " + round + ": sections overlap: "
                        + sections.get(i - 1)[0] + ".." + sections.get(i - 1)[1] + " and " + sections.get(i)[0]);
            }
            totalRan += ran;
        }
        System.out.println("lock race: " + ROUNDS + " rounds x " + PROCESSES + " processes, " + totalRan + " critical sections, no overlap");
    }
}
