package parkwait.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.config.Config;
import parkwait.lock.FileRunLock;
import parkwait.lock.LockJson;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.lock.RunLock;
import parkwait.pipeline.Ingest;
import parkwait.pipeline.IngestOptions;
import parkwait.pipeline.RunLog;
import parkwait.pipeline.RunSummary;
import parkwait.store.StoreOptions;
import parkwait.testing.JavaProcesses;

/** What an analyst sees in status.java after loading the bundled sample bucket (examples/bucket). */
class AnalystViewTest {
    static final String OFFLINE_FILE = "export/wait_times/wdw/nasty_offline.csv";

    @TempDir static Path shared;
    static Path out;
    static RunSummary run;

    @BeforeAll
    static void loadTheSample() throws Exception {
        out = shared.resolve("out");
        run = ingest(JavaProcesses.projectHome().resolve("examples/bucket"), out);
    }

    static RunSummary ingest(Path bucket, Path out) throws Exception {
        Config c = Config.defaults();
        IngestOptions o = new IngestOptions(bucket.toString(), null, c.defaultProps(), out, out.resolve("state"), false,
                c.sampleK(), c.maxFailures(), Duration.ofDays(c.skipFailedOlderThanDays()), c.zones(),
                StoreOptions.JournalMode.DELETE, Duration.ZERO, "test");
        RunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new PrintWriter(new StringWriter(), true), Clock.systemUTC(), false)) {
            return new Ingest(o, lock, Clock.systemUTC(), log).run();
        }
    }

    static StatusReport status(Path out) {
        RunLock lock = new FileRunLock(out.resolve("state"), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        return StatusReport.collect(StatusTest.settings(out, 5, Duration.ofDays(2)), lock, Clock.systemUTC());
    }

    static JsonNode json(StatusReport r) throws Exception {
        return LockJson.MAPPER.readTree(LockJson.MAPPER.writeValueAsString(StatusJson.document(r)));
    }

    @Test
    void offlineMarkersAreCountedUnderTheirOwnReasonInEveryCount() throws Exception {
        // The sample: nasty_numbers.csv has one -999, nasty_offline.csv six (-999 and -999.0) and one -998.
        assertEquals(7L, run.parse().rejected(parkwait.parse.Reject.OFFLINE), "per run");
        assertTrue(run.text().contains("offline (-999) 7"), run.text());
        assertEquals(7L, ((java.util.Map<?, ?>) run.toMap().get("rejected")).get("offline (-999)"), "run JSON");

        StatusReport r = status(out);
        String text = StatusText.render(r, ZoneId.of("UTC"));
        assertTrue(text.contains("== Rejected records (loaded files) =="), text);
        assertTrue(text.contains("out of range 6, offline (-999) 7"), text);
        assertTrue(text.contains(OFFLINE_FILE + " (out of range 1, offline (-999) 6)"), text);

        JsonNode doc = json(r);
        assertEquals(7, doc.get("rejected").get("byReason").get("offline (-999)").asLong(), "status JSON");
        assertEquals(6, doc.get("rejected").get("byReason").get("out of range").asLong());
        assertEquals(run.parse().rejected(), doc.get("rejected").get("total").asLong());
        assertEquals(7, doc.get("runs").get(0).get("rejected").get("offline (-999)").asLong(), "per run in status");
        JsonNode offlineFile = null;
        for (JsonNode f : doc.get("rejected").get("files")) if (f.get("key").asText().equals(OFFLINE_FILE)) offlineFile = f;
        assertEquals(6, offlineFile.get("byReason").get("offline (-999)").asLong(), "per file");
        assertEquals(7, offlineFile.get("rejected").asLong());
    }
}
