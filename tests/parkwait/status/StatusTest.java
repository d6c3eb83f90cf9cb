package parkwait.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.config.Config;
import parkwait.gen.Generator;
import parkwait.gen.Kind;
import parkwait.gen.Property;
import parkwait.gen.Spec;
import parkwait.lock.FileRunLock;
import parkwait.lock.RunLock;
import parkwait.lock.LockInfo;
import parkwait.lock.LockJson;
import parkwait.lock.LockProbe;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.pipeline.Ingest;
import parkwait.pipeline.IngestOptions;
import parkwait.pipeline.RunLog;
import parkwait.pipeline.RunSummary;
import parkwait.source.SourceObject;
import parkwait.store.RunRecord;
import parkwait.store.Store;
import parkwait.store.StoreOptions;
import parkwait.testing.JavaProcesses;
import picocli.CommandLine;

/** status.java on real folders: empty, after runs, with failures, during a run, against an injected clock. */
class StatusTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        // No nasty set: its rows dated 2099 would make "newest" meaningless for freshness tests.
        Generator.writeBucket(bucket, new Spec(11, List.of(Property.values()), EnumSet.allOf(Kind.class), 15, 6_000,
                false, false, 0));
    }

    @TempDir Path dir;

    // ---- helpers ----

    static RunSummary ingest(Path out, Clock clock) throws Exception {
        Config c = Config.defaults();
        IngestOptions o = new IngestOptions(bucket.toString(), null, c.defaultProps(), out, out.resolve("state"), false,
                c.sampleK(), c.maxFailures(), Duration.ofDays(c.skipFailedOlderThanDays()), c.zones(),
                StoreOptions.JournalMode.DELETE, Duration.ZERO, "test");
        RunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new PrintWriter(new StringWriter(), true), clock, false)) {
            return new Ingest(o, lock, clock, log).run();
        }
    }

    static StatusReport.Settings settings(Path out, int runs, Duration staleAfter) {
        return new StatusReport.Settings(out, out.resolve("state"), runs, staleAfter, 3, Duration.ofDays(600),
                Duration.ofSeconds(10));
    }

    static StatusReport status(Path out, Duration staleAfter, Clock clock) {
        RunLock lock = new FileRunLock(out.resolve("state"), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        return StatusReport.collect(settings(out, 5, staleAfter), lock, clock);
    }

    static JsonNode json(StatusReport r) throws Exception {
        return LockJson.MAPPER.readTree(LockJson.MAPPER.writeValueAsString(StatusJson.document(r)));
    }

    /** The real command class of status.java (default package), run in this JVM: exit code, stdout, stderr. */
    static String[] runCommand(String... args) throws Exception {
        var ctor = Class.forName("status").getDeclaredConstructor();
        ctor.setAccessible(true);
        CommandLine cl = new CommandLine(ctor.newInstance());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    /** park -> "rows newestParkDate newestEpoch", straight from SQL. */
    static Map<String, String> parksBySql(Path out) throws Exception {
        Map<String, String> parks = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state/wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT park, COUNT(*), MAX(park_date), MAX(observed_epoch) FROM wait_times GROUP BY park")) {
            while (r.next()) parks.put(r.getString(1), r.getLong(2) + " " + r.getString(3) + " " + r.getLong(4));
        }
        return parks;
    }

    static Map<String, String> parksByStatus(StatusReport r) {
        Map<String, String> parks = new TreeMap<>();
        for (StatusReport.ParkFreshness p : r.parks()) {
            parks.put(p.rows().park(), p.rows().rows() + " " + p.rows().newestParkDate() + " "
                    + p.rows().newestObserved().getEpochSecond());
        }
        return parks;
    }

    static List<String> tree(Path root) throws Exception {
        if (!Files.exists(root)) return List.of();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.map(p -> root.relativize(p) + " " + p.toFile().length() + " " + p.toFile().lastModified()).sorted().toList();
        }
    }

    // ---- tests ----

    @Test
    void emptyFolderSaysThereIsNoDatabaseYetAndCreatesNothing() throws Exception {
        Path missing = dir.resolve("never-run");
        String[] text = runCommand("--output-base", missing.toString());
        assertEquals("0", text[0], text[2]);
        assertTrue(text[1].contains("Verdict:   FREE - no run holds the lock"), text[1]);
        assertTrue(text[1].contains("No database yet: run ingest.java first."), text[1]);
        assertEquals("", text[2]);

        String[] json = runCommand("--output-base", missing.toString(), "--json");
        assertEquals("0", json[0], json[2]);
        JsonNode doc = LockJson.MAPPER.readTree(json[1]);
        assertEquals("NO_DATA", doc.get("verdict").asText());
        assertEquals("No database yet: run ingest.java first.", doc.get("summary").asText());
        assertFalse(doc.get("database").get("exists").asBoolean());
        assertEquals(0, doc.get("runs").size());
        assertEquals("FREE", doc.get("lock").get("verdict").asText());
        assertFalse(Files.exists(missing), "status created " + missing);

        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertEquals("0", runCommand("--output-base", empty.toString())[0]);
        try (Stream<Path> files = Files.list(empty)) {
            assertEquals(List.of(), files.toList(), "status wrote into an empty folder");
        }
    }

    @Test
    void afterARealIngestRunsRowsAndNewestDatesMatchTheDatabase() throws Exception {
        Path out = dir.resolve("out");
        RunSummary run = ingest(out, Clock.systemUTC());
        List<String> before = tree(out.resolve("state"));

        StatusReport r = status(out, Duration.ofDays(2), Clock.systemUTC());
        assertNull(r.databaseError());
        assertEquals(1, r.runs().size());
        StatusReport.RunView v = r.runs().get(0);
        assertEquals(StatusReport.RunState.FINISHED, v.state());
        assertEquals("ok", v.run().outcome());
        assertEquals(0, v.run().exitCode());
        assertEquals(run.filesLoaded(), v.run().filesNew());
        assertEquals(run.rowsNew(), v.run().rowsNew());
        assertEquals(run.filesLoaded(), r.database().orElseThrow().filesLoaded());
        assertEquals(0, r.database().orElseThrow().filesFailed());
        assertEquals(parksBySql(out), parksByStatus(r));
        assertTrue(r.parks().size() >= 10, "parks: " + r.parks());

        String text = StatusText.render(r, ZoneId.of("UTC"));
        for (StatusReport.ParkFreshness p : r.parks()) {
            assertTrue(text.contains(p.rows().newestObservedAt()), "newest of " + p.rows().park() + " missing:\n" + text);
        }
        JsonNode doc = json(r);
        assertEquals(run.rowsNew(), doc.get("runs").get(0).get("rowsNew").asLong());
        assertEquals(r.parks().size(), doc.get("parks").size());
        assertEquals(Files.size(out.resolve("state/wait_times.sqlite")), doc.get("database").get("sizeBytes").asLong());

        assertEquals(before, tree(out.resolve("state")), "status changed the state folder");
    }

    @Test
    void failedFilesAreListedWithTheirErrorAndTheVerdictAsksForAttention() throws Exception {
        Path out = dir.resolve("out");
        ingest(out, Clock.systemUTC());
        String loadedKey;
        try (Store store = Store.open(out.resolve("state/wait_times.sqlite"), StoreOptions.defaults())) {
            loadedKey = store.sourceFiles().keySet().iterator().next();
            long token = store.highestToken();
            SourceObject changed = new SourceObject(loadedKey, "etag-2", 10, Instant.parse("2024-01-01T00:00:00Z"));
            store.recordFailure(changed, token, "r-test", "IOException: Connection reset while reading");
            store.recordFailure(changed, token, "r-test", "IOException: Connection reset while reading");
            SourceObject broken = new SourceObject("export/wait_times/wdw/broken.csv", "e", 5, Instant.parse("2020-01-01T00:00:00Z"));
            for (int i = 0; i < 3; i++) store.recordFailure(broken, token, "r-test", "SdkClientException: Unable to execute HTTP request");
        }

        StatusReport r = status(out, Duration.ofDays(100_000), Clock.systemUTC());
        assertEquals(Health.Level.ATTENTION, r.health().level());
        assertTrue(r.health().line().startsWith("ATTENTION: 2 files failed"), r.health().line());
        String text = StatusText.render(r, ZoneId.of("UTC"));
        assertTrue(text.contains(loadedKey + ": failed 2 times"), text);
        assertTrue(text.contains("export/wait_times/wdw/broken.csv: failed 3 times"), text);
        assertTrue(text.contains("Connection reset while reading") && text.contains("Unable to execute HTTP request"), text);
        assertTrue(text.contains("Next: The next run retries them"), text);

        JsonNode files = json(r).get("files");
        assertEquals(2, files.get("failed").asInt());
        assertEquals(1, files.get("givenUp").asInt());
        JsonNode broken = files.get("failedFiles").get(0).get("key").asText().endsWith("broken.csv")
                ? files.get("failedFiles").get(0) : files.get("failedFiles").get(1);
        assertEquals(3, broken.get("failureCount").asInt());
        assertTrue(broken.get("atRetryLimit").asBoolean());
        assertEquals("SdkClientException: Unable to execute HTTP request", broken.get("lastError").asText());
    }

    @Test
    void duringARunStatusStillAnswersAndShowsTheLockHeld() throws Exception {
        Path out = dir.resolve("out");
        ingest(out, Clock.systemUTC());
        Map<String, String> committed = parksBySql(out);
        Path ready = dir.resolve("ready");
        Process holder = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(),
                "hold", out.resolve("state").toString(), ready.toString());
        Path db = out.resolve("state/wait_times.sqlite");
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(60), () -> Files.exists(ready)), "the holder never took the lock");
            LockInfo info = new FileRunLock(out.resolve("state"), LockSettings.defaults(), ProcessFacts.system(),
                    Clock.systemUTC()).inspect().record().orElseThrow();
            try (Store store = Store.open(db, StoreOptions.defaults())) {
                store.startRun(RunRecord.started("run-in-progress", Instant.now(), info.host(), info.pid(), store.highestToken()));
            }
            // The ingest's open write transaction: RESERVED lock and an uncommitted row.
            try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db);
                 Statement s = writer.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
                s.execute("INSERT INTO wait_times VALUES ('MK99', '2099-01-01T10:00:00-05:00', 'POSTED', 5, 'mk',"
                        + " '2099-01-01', 4070962800, NULL, 0)");

                StatusReport r = status(out, Duration.ofDays(2), Clock.systemUTC());
                assertNull(r.databaseError());
                assertEquals("HELD", r.lock().verdict().name());
                assertEquals(StatusReport.RunState.RUNNING, r.runs().get(0).state());
                assertEquals(StatusReport.RunState.FINISHED, r.runs().get(1).state());
                assertEquals(committed, parksByStatus(r), "status saw uncommitted rows or missed committed ones");
                String text = StatusText.render(r, ZoneId.systemDefault());
                assertTrue(text.contains("Verdict:   HELD - "), text);
                assertTrue(text.contains("running"), text);
                assertTrue(text.contains("pid " + holder.pid()), text);
                s.execute("ROLLBACK");
            }
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test
    void staleFlagFollowsTheInjectedClock() throws Exception {
        Path out = dir.resolve("out");
        // Read once to learn the data's newest instants, then run at a time just after them.
        Path probe = dir.resolve("probe");
        ingest(probe, Clock.systemUTC());
        StatusReport first = status(probe, Duration.ofDays(2), Clock.systemUTC());
        Instant newest = first.parks().stream().map(p -> p.rows().newestObserved()).max(Instant::compareTo).orElseThrow();
        Instant oldest = first.parks().stream().map(p -> p.rows().newestObserved()).min(Instant::compareTo).orElseThrow();
        Instant runAt = newest.plus(Duration.ofHours(1));
        ingest(out, Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), runAt)));

        Duration all = Duration.between(oldest, newest).plusDays(1);
        Clock later = Clock.fixed(runAt.plus(Duration.ofHours(3)), ZoneOffset.UTC);
        StatusReport fresh = status(out, all, later);
        assertEquals(Health.Level.OK, fresh.health().level(), fresh.health().line());
        LocalDate freshTo = fresh.parks().stream().map(p -> p.rows().newestParkDate()).min(LocalDate::compareTo).orElseThrow();
        assertTrue(fresh.health().line().startsWith("OK: data fresh to " + freshTo + ", last run ok 2 h "), fresh.health().line());

        StatusReport.ParkFreshness some = fresh.parks().get(0);
        Instant t = some.rows().newestObserved();
        StatusReport justFresh = status(out, Duration.ofDays(2), Clock.fixed(t.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        assertFalse(park(justFresh, some.rows().park()).stale());
        StatusReport justStale = status(out, Duration.ofDays(2), Clock.fixed(t.plus(Duration.ofDays(2)).plusSeconds(1), ZoneOffset.UTC));
        assertTrue(park(justStale, some.rows().park()).stale());
        assertEquals(Health.Level.ATTENTION, justStale.health().level());
        assertTrue(justStale.health().line().contains(some.rows().park() + " data is 2 days old")
                || justStale.health().line().contains("parks have stale data"), justStale.health().line());
        assertTrue(StatusText.render(justStale, ZoneId.of("UTC")).contains("STALE"));
        assertTrue(json(justStale).get("parks").get(0).get("stale").asBoolean());
    }

    @Test
    void rowsDatedMoreThanADayAheadAreFlaggedAsFutureNotFresh() throws Exception {
        Path out = dir.resolve("out");
        ingest(out, Clock.systemUTC());
        StatusReport.ParkFreshness some = status(out, Duration.ofDays(2), Clock.systemUTC()).parks().get(0);
        Instant t = some.rows().newestObserved();

        // A status read a day before the newest observation: within the slack for clocks and zones.
        StatusReport slack = status(out, Duration.ofDays(100_000), Clock.fixed(t.minus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertFalse(park(slack, some.rows().park()).future());
        StatusReport ahead = status(out, Duration.ofDays(100_000),
                Clock.fixed(t.minus(Duration.ofDays(1)).minusSeconds(1), ZoneOffset.UTC));
        assertTrue(park(ahead, some.rows().park()).future());
        assertEquals(Health.Level.ATTENTION, ahead.health().level());
        assertTrue(ahead.health().line().contains("rows dated in the future: " + some.rows().park()
                + " (" + some.rows().newestParkDate() + ", in " + some.rows().newestFiles().get(0)), ahead.health().line());
        assertTrue(StatusText.render(ahead, ZoneId.of("UTC")).contains("in the future  FUTURE"));
        JsonNode p = json(ahead).get("parks").get(0);
        assertEquals(some.rows().park(), p.get("park").asText());
        assertTrue(p.get("future").asBoolean());
        assertTrue(p.get("ageSeconds").asLong() < 0);
    }

    static StatusReport.ParkFreshness park(StatusReport r, String park) {
        return r.parks().stream().filter(p -> p.rows().park().equals(park)).findFirst().orElseThrow();
    }

    @Test
    void aFileThatIsNotADatabaseIsReportedNotCrashedOn() throws Exception {
        Path out = dir.resolve("out");
        Path db = Files.createDirectories(out.resolve("state")).resolve("wait_times.sqlite");
        Files.writeString(db, "these are not the bytes of a database, but they are long enough to look like one. ".repeat(20));
        byte[] bytes = Files.readAllBytes(db);
        StatusReport r = status(out, Duration.ofDays(2), Clock.systemUTC());
        assertEquals(Health.Level.ATTENTION, r.health().level());
        assertTrue(r.databaseError().contains("is not a parkwait database"), r.databaseError());
        assertTrue(StatusText.render(r, ZoneId.of("UTC")).contains("Move it away and run ingest.java"));
        assertEquals(List.of(bytes.length), List.of(Files.readAllBytes(db).length));
        assertEquals(1, Files.list(out.resolve("state")).count(), "status left a file behind");
    }

    @Test
    void badOptionsAreUsageErrors() throws Exception {
        assertEquals("2", runCommand("--runs", "-1", "--output-base", dir.toString())[0]);
        String[] bad = runCommand("--stale-after", "soon", "--output-base", dir.toString());
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("is not a duration"), bad[2]);
    }

    @Test
    void theRealScriptPrintsOneJsonDocument() throws Exception {
        JavaProcesses.buildScript("status.java");
        Path out = dir.resolve("out");
        JavaProcesses.Result none = JavaProcesses.runScript(Duration.ofMinutes(3), Map.of(), "status.java",
                "--output-base", out.toString(), "--json");
        assertEquals(0, none.exitCode(), none.output());
        assertEquals("NO_DATA", LockJson.MAPPER.readTree(ours(none.output())).get("verdict").asText());
        assertFalse(Files.exists(out));

        RunSummary run = ingest(out, Clock.systemUTC());
        JavaProcesses.Result shown = JavaProcesses.runScript(Duration.ofMinutes(3), Map.of(), "status.java",
                "--output-base", out.toString(), "--json", "--runs", "3", "--stale-after", "36h");
        assertEquals(0, shown.exitCode(), shown.output());
        JsonNode doc = LockJson.MAPPER.readTree(ours(shown.output())); // all that status printed is one document
        assertEquals("FREE", doc.get("lock").get("verdict").asText());
        assertEquals(run.rowsNew(), doc.get("runs").get(0).get("rowsNew").asLong());
        assertEquals("FINISHED", doc.get("runs").get(0).get("state").asText());
        assertEquals(36 * 3600, doc.get("staleAfterSeconds").asLong());
        assertEquals(parksBySql(out).keySet().size(), doc.get("parks").size());
        assertEquals("ATTENTION", doc.get("verdict").asText()); // the generated data is years old
        assertTrue(doc.get("summary").asText().startsWith("ATTENTION: "), doc.get("summary").asText());

        JavaProcesses.Result usage = JavaProcesses.runScript(Duration.ofMinutes(3), Map.of(), "status.java",
                "--output-base", out.toString(), "--stale-after", "later");
        assertEquals(2, usage.exitCode(), usage.output());
        assertFalse(usage.output().contains("\tat "), usage.output());
    }

    @Test
    void aHotJournalLeftByACrashIsReportedWithWhatToDo() throws Exception {
        Path out = dir.resolve("out");
        ingest(out, Clock.systemUTC());
        Path db = out.resolve("state/wait_times.sqlite");
        Path crashed = Files.createDirectories(dir.resolve("crashed/state"));
        // Copying the files while a big write is under way gives what a crash leaves: a hot journal.
        try (Connection writer = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = writer.createStatement()) {
            s.execute("PRAGMA cache_size = 1"); // spill changed pages into the database file before commit
            s.execute("BEGIN IMMEDIATE");
            s.execute("DELETE FROM wait_times");
            Files.copy(db, crashed.resolve("wait_times.sqlite"));
            Files.copy(out.resolve("state/wait_times.sqlite-journal"), crashed.resolve("wait_times.sqlite-journal"));
            s.execute("ROLLBACK");
        }
        List<String> before = tree(crashed);
        StatusReport r = status(dir.resolve("crashed"), Duration.ofDays(2), Clock.systemUTC());
        assertEquals(Health.Level.ATTENTION, r.health().level());
        assertTrue(r.databaseError().contains("unfinished transaction") && r.databaseError().contains("run ingest.java"),
                r.databaseError());
        assertEquals(before, tree(crashed), "status touched the crashed database");
    }

    /** The output without jbang's own "[jbang] ..." lines (it rebuilds when sources changed since buildScript). */
    static String ours(String output) {
        return String.join("\n", output.lines().filter(l -> !l.startsWith("[jbang] ")).toList());
    }
}
