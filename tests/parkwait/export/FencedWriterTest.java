package parkwait.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import parkwait.lock.FileRunLock;
import parkwait.lock.Lease;
import parkwait.lock.LockLostException;
import parkwait.lock.LockProbe;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;
import parkwait.parse.WaitType;
import parkwait.source.SourceObject;
import parkwait.store.FileLoad;
import parkwait.store.Partition;
import parkwait.store.Store;
import parkwait.store.StoreOptions;
import parkwait.testing.JavaProcesses;

/**
 * Issue 12, item 5: a holder taken over while it writes CSVs (paused between its temp files and
 * their renames) must rename none of them over the newer run's files when it goes on.
 */
class FencedWriterTest {
    static final LockSettings SLOW_HEARTBEAT = new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofMinutes(2));
    static final List<String> PARKS = List.of("ak", "dl", "ep", "mk");

    @TempDir Path dir;

    @ParameterizedTest(name = "guard deleted by hand first: {0}")
    @ValueSource(booleans = {false, true})
    void aHolderTakenOverWhileWritingCsvsRenamesNoneOfThemOverTheNewerOnes(boolean guardDeletedFirst) throws Exception {
        Path state = dir.resolve("state");
        Path out = dir.resolve("out");
        LocalDate day = LocalDate.of(2024, 6, 1);
        FileRunLock lock = new FileRunLock(state, SLOW_HEARTBEAT, ProcessFacts.system(), Clock.systemUTC());
        List<Process> started = new ArrayList<>();
        try (Lease lease = lock.acquire("stale writer", Duration.ZERO, s -> { });
             Store store = Store.open(state.resolve("wait_times.sqlite"), StoreOptions.defaults())) {
            store.claimToken(lease.token());
            load(store, lease.token(), day);
            List<Partition> dirty = store.dirtyPartitions();
            assertEquals(PARKS.size(), dirty.size());

            boolean[] takenOver = {false};
            // At its first rename the holder "pauses": meanwhile it is cleared by force, a newer run takes
            // the lock (possible only once the guard is gone) and writes its CSVs. Then the holder goes on.
            Runnable pausedThenFenced = () -> {
                synchronized (takenOver) {
                    if (!takenOver[0]) {
                        takenOver[0] = true;
                        takeOver(state, out, day, guardDeletedFirst, started);
                    }
                }
                lease.assertHeld();
            };
            try (PartitionWriter writer = new PartitionWriter(store, out, pausedThenFenced)) {
                LockLostException e = assertThrows(LockLostException.class, () -> writer.writeAll(dirty, b -> store.clearDirty(b, lease.token())));
                assertTrue(e.getMessage().contains(guardDeletedFirst ? "removed or replaced by hand" : "cleared by force"), e.getMessage());
            }
            for (String park : PARKS) {
                Path f = PartitionFiles.fileOf(out, park, day);
                assertEquals("newer run's file\n", Files.readString(f, StandardCharsets.UTF_8), "the stale writer replaced " + f);
            }
            try (var files = Files.walk(out)) {
                assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList(), "temp files were left");
            }
            assertEquals(dirty, store.dirtyPartitions(), "the stale writer cleared dirty marks");
        } finally {
            started.forEach(Process::destroyForcibly); // the newer run, however the test ended
        }
    }

    private static void takeOver(Path state, Path out, LocalDate day, boolean guardDeletedFirst, List<Process> started) {
        try {
            if (guardDeletedFirst) Files.delete(state.resolve(FileRunLock.GUARD_FILE));
            Path log = Files.createTempFile("clear", ".log");
            Process clear = JavaProcesses.startMain(LockProbe.class, log, Map.of(), "clear", state.toString());
            assertTrue(clear.waitFor(60, TimeUnit.SECONDS));
            assertTrue(Files.readString(log).contains("Cleared by force"), Files.readString(log));
            if (guardDeletedFirst) {
                Path ready = state.resolveSibling("second-ready");
                started.add(JavaProcesses.startMain(LockProbe.class, state.resolveSibling("second.log"), Map.of(),
                        "hold", state.toString(), ready.toString()));
                assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)), "the newer run never took the lock");
            }
            for (String park : PARKS) {
                Path f = PartitionFiles.fileOf(out, park, day);
                Files.createDirectories(f.getParent());
                Files.writeString(f, "newer run's file\n", StandardCharsets.UTF_8);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void load(Store store, long token, LocalDate day) {
        try (FileLoad load = store.beginFile(new SourceObject("export/wait_times/wdw/x.csv", "e1", 10, Instant.EPOCH), token, "run")) {
            ParseStats stats = new ParseStats();
            for (String park : PARKS) {
                stats.seen();
                stats.emitted();
                load.add(new FactRow(park.toUpperCase() + "1", "2024-06-01T10:00:00-04:00", WaitType.POSTED, 25, park, day, 1717250400L));
            }
            load.commit(stats);
        }
    }
}
