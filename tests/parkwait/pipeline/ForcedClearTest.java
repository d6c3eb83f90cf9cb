package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.lock.FileRunLock;
import parkwait.lock.LockLostException;
import parkwait.lock.LockProbe;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.source.Source;
import parkwait.source.SourceObject;
import parkwait.source.Sources;
import parkwait.store.Store;
import parkwait.store.StoreOptions;
import parkwait.testing.JavaProcesses;

/** lock.java --clear --force during a run: the run is refused its very next commit, not at its next heartbeat. */
class ForcedClearTest {
    @TempDir static Path shared;
    static Path bucket;

    @TempDir Path dir;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(7, 30, 30_000));
    }

    @Test
    void aRunClearedByForceCommitsNothingMoreAndWritesNoCsv() throws Exception {
        Path out = dir.resolve("out");
        IngestOptions o = Pipelines.options(bucket.toString(), null, out, false);
        int[] opened = {0};
        int[] committedAtTheClear = {-1};
        String[] clearSaid = {null};
        // Between two files, another process clears the lock by force (the heartbeat is 30 s away).
        Function<IngestOptions, Source> sources = opts -> {
            Source real = Sources.open(opts.source(), opts.s3());
            return new Source() {
                public String describe() { return real.describe(); }
                public List<SourceObject> list(List<String> p) throws java.io.IOException { return real.list(p); }
                public InputStream open(SourceObject obj) throws java.io.IOException {
                    if (++opened[0] == 4) {
                        clearSaid[0] = forceClear(opts.stateDir());
                        try (Store other = Store.open(opts.database(), StoreOptions.defaults())) {
                            committedAtTheClear[0] = other.sourceFiles().size();
                        }
                    }
                    return real.open(obj);
                }
                public void close() { real.close(); }
            };
        };
        FileRunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new PrintWriter(new StringWriter()), Clock.systemUTC(), false)) {
            LockLostException e = assertThrows(LockLostException.class,
                    () -> new Ingest(o, lock, Clock.systemUTC(), log, sources).run());
            assertTrue(e.getMessage().contains("cleared by force"), e.getMessage());
        }
        assertTrue(clearSaid[0].contains("Cleared by force"), clearSaid[0]);
        try (Store store = Store.open(o.database(), StoreOptions.defaults())) {
            assertTrue(committedAtTheClear[0] >= 0, "the clear happened");
            assertEquals(committedAtTheClear[0], store.sourceFiles().size(), "nothing was committed after the clear");
        }
        try (var files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".csv")).toList(), "the fenced run wrote a CSV");
        }
    }

    /** lock.java --clear --force in another process; returns what it said. */
    static String forceClear(Path state) {
        try {
            Path log = Files.createTempFile("clear", ".log");
            Process p = JavaProcesses.startMain(LockProbe.class, log, Map.of(), "clear", state.toString());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the clear did not finish");
            String said = Files.readString(log);
            Files.delete(log);
            assertEquals(0, p.exitValue(), said);
            return said;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
