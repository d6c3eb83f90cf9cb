package parkwait.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.config.Config;
import parkwait.lock.FileRunLock;
import parkwait.parse.CsvReader;
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

    /** A standby file of MK01 with 20 posted rows a day on 2024-01-01..10, none on the 4th and 5th, one on the 8th. */
    static Path gappyBucket(Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("entity_code,observed_at,submitted_posted_time,submitted_actual_time\n");
        for (int d = 1; d <= 10; d++) {
            if (d == 4 || d == 5) continue;
            for (int i = 0; i < (d == 8 ? 1 : 20); i++) {
                csv.append(String.format("MK01,2024-01-%02d 10:%02d:00,%d,%n", d, i, 30 + i));
            }
        }
        Path file = dir.resolve("bucket/export/wait_times/wdw/seven_dwarfs_train.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv);
        return dir.resolve("bucket");
    }

    @Test
    void gapsListMissingAndThinDaysPerParkInTextAndJson(@TempDir Path dir) throws Exception {
        Path gappy = dir.resolve("out");
        ingest(gappyBucket(dir), gappy);
        StatusReport r = status(gappy);
        String text = StatusText.render(r, ZoneId.of("UTC"));
        assertTrue(text.contains("mk     2024-01-01..2024-01-10  2 missing days in 1 gap, 1 thin day (median 20 rows a day)\n"
                + "       missing: 2024-01-04..2024-01-05 (2 days)\n"
                + "       thin:    2024-01-08 (1 row)\n"), text);

        JsonNode g = json(r).get("gaps").get(0);
        assertEquals("mk", g.get("park").asText());
        assertEquals(8, g.get("daysWithRows").asInt());
        assertEquals(2, g.get("missingDays").asInt());
        assertEquals("2024-01-04", g.get("missing").get(0).get("from").asText());
        assertEquals("2024-01-05", g.get("missing").get(0).get("to").asText());
        assertEquals(1, g.get("thinDays").asInt());
        assertEquals("2024-01-08", g.get("thin").get(0).get("date").asText());
        assertEquals(1, g.get("thin").get(0).get("rows").asInt());
    }

    @Test
    void aLongListOfGapsShowsTheNewestAndSaysHowManyMore() {
        StatusReport r = status(out);  // the sample: ia has rows from 1990 to 2099 (uor/nasty_dates.csv)
        String text = StatusText.render(r, ZoneId.of("UTC"));
        Gaps mk = r.gaps().stream().filter(g -> g.park().equals("ia")).findFirst().orElseThrow();
        assertTrue(mk.missing().size() > 5, mk.toString());
        assertEquals(java.time.LocalDate.parse("2099-12-30"), mk.missing().get(0).to(), "newest first");
        assertTrue(text.contains(" and " + (mk.missing().size() - 5) + " more\n"), text);
    }

    @Test
    void rejectedRowsAreExportedAsUtf8CsvWithoutFormulaCells() throws Exception {
        byte[] bytes = Files.readAllBytes(out.resolve("state/rejected_rows.csv"));
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "UTF-8 BOM for Excel");
        CsvReader csv = new CsvReader(new java.io.ByteArrayInputStream(bytes));
        List<List<String>> records = new ArrayList<>();
        while (csv.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 0; i < csv.size(); i++) cells.add(csv.field(i));
            records.add(cells);
        }
        assertEquals(List.of("key", "line", "reason", "raw_text"), records.get(0));
        assertEquals(run.parse().rejected() + 1, records.size(), "every reject of the sample is kept (none reached the cap)");
        for (List<String> cells : records) {
            assertEquals(4, cells.size(), cells.toString());
            for (String c : cells) assertTrue(c.isEmpty() || "=+-@\t\r".indexOf(c.charAt(0)) < 0, "a formula cell: " + cells);
        }
        assertTrue(records.contains(List.of(OFFLINE_FILE, "3", "offline (-999)", "MK01,2024-01-15 21:05:00,-999,,")), records.toString());
        assertTrue(records.contains(List.of("export/wait_times/ush/nasty_entities.csv", "8", "bad entity code",
                "'=USH03,2024-01-15 17:06:00,45,,")), records.stream().filter(r -> r.get(0).contains("entities")).toList().toString());
    }

    @Test
    void statusRejectsShowsOneFilesRecordsAndAReloadReplacesThem(@TempDir Path dir) throws Exception {
        Path bucket = dir.resolve("bucket");
        Path file = bucket.resolve(OFFLINE_FILE);
        Files.createDirectories(file.getParent());
        StringBuilder v1 = new StringBuilder("entity_code,observed_at,submitted_posted_time,submitted_actual_time\n");
        for (int i = 0; i < 120; i++) v1.append(String.format("MK01,2024-01-15 10:%02d:%02d,-999,,%n", i / 60, i % 60));
        v1.append("MK01,2024-01-15 12:00:00,abc,,\n");
        Files.writeString(file, v1);
        Path o = dir.resolve("out");
        RunSummary first = ingest(bucket, o);
        assertTrue(first.text().contains("Kept:       the first 100 rejected records per file and reason, to read with"
                + " status.java --rejects; 20 more were only counted"), first.text());

        String[] shown = StatusTest.runCommand("--output-base", o.toString(), "--rejects", OFFLINE_FILE);
        assertEquals("0", shown[0], shown[2]);
        assertTrue(shown[1].startsWith("== " + OFFLINE_FILE + ": 121 records, 121 rejected (bad number 1, offline (-999) 120) ==\n"
                + "line 2       offline (-999)    MK01,2024-01-15 10:00:00,-999,,\n"), shown[1]);
        assertTrue(shown[1].contains("line 122     bad number        MK01,2024-01-15 12:00:00,abc,,\n"), shown[1]);
        assertTrue(shown[1].contains("(20 more were only counted"), shown[1]);
        assertEquals(101, shown[1].lines().filter(l -> l.startsWith("line ")).count());

        Files.writeString(file, "entity_code,observed_at,submitted_posted_time,submitted_actual_time\n"
                + "MK01,2024-01-16 10:00:00,45,,\nMK01,2024-01-16 10:05:00,1500,,\n");
        ingest(bucket, o);
        String[] json = StatusTest.runCommand("--output-base", o.toString(), "--rejects", OFFLINE_FILE, "--json");
        JsonNode f = LockJson.MAPPER.readTree(json[1]).get("files").get(0);
        assertEquals(1, f.get("rejected").asInt());
        assertEquals(1, f.get("rows").size(), "the reload replaced the old version's rejects");
        assertEquals(3, f.get("rows").get(0).get("line").asInt());
        assertEquals("out of range", f.get("rows").get(0).get("reason").asText());

        String[] unknown = StatusTest.runCommand("--output-base", o.toString(), "--rejects", "export/nope.csv");
        assertEquals("1", unknown[0]);
        assertTrue(unknown[1].startsWith("No source file with the key export/nope.csv was loaded"), unknown[1]);
    }

    @Test
    void problemsNameTheFilesBehindThem() throws Exception {
        StatusReport r = status(out);
        String line = r.health().line();
        assertTrue(line.contains("1 park has rows dated in the future: ia (2099-12-31, in export/wait_times/uor/nasty_dates.csv)"), line);
        assertTrue(line.contains("files rejected most of their records: export/wait_times/dlr/nasty_numbers.csv (20 rejects in 28 records),"
                + " export/wait_times/ush/nasty_entities.csv (20 rejects in 24 records)"), line);
        String staleAdvice = r.health().problems().stream().filter(p -> p.summary().contains("stale")).findFirst().orElseThrow().advice();
        assertTrue(staleAdvice.contains("their newest rows came from: ak: export/fastpass_times/wdw/current_fastpass.csv;"), staleAdvice);

        JsonNode parks = json(r).get("parks");
        for (JsonNode p : parks) {
            if (p.get("park").asText().equals("ia")) {
                assertEquals("[\"export/wait_times/uor/nasty_dates.csv\"]", p.get("newestFiles").toString());
            }
            assertTrue(p.get("newestFiles").size() >= 1, p.toString());
        }

        // One or two stale parks are named in the summary with their newest file.
        Path one = shared.resolve("one");
        ingest(gappyBucket(shared.resolve("one-bucket")), one);
        String oneLine = status(one).health().line();
        assertTrue(oneLine.contains("mk data is ") && oneLine.contains(" old (newest from export/wait_times/wdw/seven_dwarfs_train.csv)"),
                oneLine);
    }
}
