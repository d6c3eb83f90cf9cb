package parkwait.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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
import parkwait.lock.LockBusyException;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.lock.Verdict;
import parkwait.pipeline.Ingest;
import parkwait.pipeline.IngestOptions;
import parkwait.pipeline.RunLog;
import parkwait.pipeline.RunSummary;
import parkwait.source.DirSource;
import parkwait.source.SourceObject;
import parkwait.store.StoreOptions;

/**
 * DESIGN 4.7 end to end: an output folder written by the predecessor (built by hand here), then
 * the pipeline run on it, in this JVM.
 */
class PredecessorTest {
    static final String HEADER = "entity_code,observed_at,wait_time_type,wait_time_minutes";
    // Not in any source file: kept only by the predecessor.
    static final String CSV_ONLY = "MK999,2024-03-10T12:00:00-04:00,POSTED,45";
    static final String DEDUPE_ONLY = "EP123,2023-07-04T21:15:00-04:00,ACTUAL,80"; // lost between its commit and the CSV append
    // The predecessor put ush in New York; these are the same instants in Los Angeles time.
    static final String USH_NY = "USH7,2024-01-16T08:30:00-05:00,POSTED,20";
    static final String USH_LA = "USH7,2024-01-16T05:30:00-08:00,POSTED,20";
    static final String BAD = "MK1,yesterday at noon,POSTED,10";
    static final List<String> STAGED = List.of("AK7,2024-06-01T10:00:00-04:00,POSTED,35", "AK7,2024-06-01T10:05:00-04:00,POSTED,40");

    @TempDir static Path shared;
    static Path bucket;
    static List<SourceObject> listing;
    static List<String> unprocessed;
    static Path reference; // what the predecessor wrote for the processed keys (our own run on them)

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, new Spec(5, List.of(Property.values()), EnumSet.allOf(Kind.class), 12, 6_000, false, false, 0));
        listing = new DirSource(bucket).list(Config.defaults().defaultProps());
        List<String> standby = listing.stream().map(SourceObject::key).filter(k -> k.contains("/wait_times/")).sorted().toList();
        assertTrue(standby.size() >= 2, "keys: " + standby);
        unprocessed = standby.subList(standby.size() - 2, standby.size());
        Path src = shared.resolve("processed-only");
        for (SourceObject o : listing) {
            if (unprocessed.contains(o.key())) continue;
            Path to = src.resolve(o.key());
            Files.createDirectories(to.getParent());
            Files.copy(bucket.resolve(o.key()), to);
        }
        reference = shared.resolve("reference");
        RunSummary r = ingest(src, reference, new StringWriter());
        assertTrue(r.rowsNew() > 1000, "reference rows: " + r.rowsNew());
    }

    @TempDir Path dir;

    @Test
    void firstRunImportsEverythingOnDiskReadsOnlyUnprocessedKeysAndLoadsStagedFiles() throws Exception {
        Path out = dir.resolve("out");
        Set<String> expected = buildPredecessorFolder(out, deadPid(), Instant.now().minus(Duration.ofHours(2)));

        StringWriter console = new StringWriter();
        RunSummary first = ingest(bucket, out, console);
        String said = console.toString();

        assertTrue(said.contains("Took over a stale lock: pid ") && said.contains("a lock left by the predecessor"), said);
        String audit = Files.readString(out.resolve("state").resolve(FileRunLock.AUDIT_FILE));
        assertTrue(audit.contains("\"event\":\"stale-taken-over\"") && audit.contains("a lock left by the predecessor"), audit);
        assertTrue(said.contains("Found the predecessor's output in "), said);

        assertEquals(2, first.filesLoaded(), "only the keys missing from processed_files.json are read\n" + said);
        assertEquals(0, first.filesFailed());

        Set<String> db = dbRows(out);
        Set<String> csv = csvRows(out);
        for (String row : expected) {
            assertTrue(db.contains(row), "in the database: " + row);
            assertTrue(csv.contains(row), "in the rewritten CSVs: " + row);
        }
        assertEquals(db, csv, "every database row is in the CSVs, and nothing else");
        assertFalse(db.contains(USH_NY), "ush is converted to Los Angeles time");
        assertTrue(Files.readString(out.resolve("fact_tables/clean/2024-01/uh_2024-01-15.csv")).contains(USH_LA + "\n"),
                "05:30 is before 06:00: park date 2024-01-15");
        assertFalse(Files.exists(out.resolve("fact_tables/clean/2024-01/uh_2024-01-16.csv")),
                "the New York file's only row moved to its Los Angeles park date");
        for (String row : STAGED) assertTrue(db.contains(row), row);
        assertFalse(Files.exists(out.resolve("staging/queue_times/queue_times_20240601.csv")), "the staged file is removed");
        String rejected = Files.readString(out.resolve(Predecessor.REJECTED_FILE));
        assertTrue(rejected.contains(",bad date or time," + BAD), rejected);
        assertTrue(Files.exists(out.resolve(Predecessor.BACKUP_DIR).resolve("processed_files.json")));

        // The exported processed_files.json now lists every key, in our shape.
        Map<?, ?> processed = new ObjectMapper().readValue(out.resolve("state/processed_files.json").toFile(), Map.class);
        assertEquals(listing.stream().map(SourceObject::key).collect(java.util.stream.Collectors.toSet()), processed.keySet());

        String tree = csvTree(out);
        StringWriter console2 = new StringWriter();
        RunSummary second = ingest(bucket, out, console2);
        assertEquals(0, second.filesLoaded());
        assertEquals(0, second.parse().recordsSeen());
        assertEquals(0, second.partitionsWritten());
        assertFalse(console2.toString().contains("predecessor"), console2.toString());
        assertEquals(tree, csvTree(out));
        assertEquals(db, dbRows(out));
    }

    @Test
    void aLivePredecessorHoldsTheLockAndNothingIsTouched() throws Exception {
        Path out = dir.resolve("out");
        buildPredecessorFolder(out, ProcessHandle.current().pid(), Instant.now()); // started after this JVM
        String tree = csvTree(out);
        StringWriter console = new StringWriter();
        LockBusyException e = assertThrows(LockBusyException.class, () -> ingest(bucket, out, console));
        assertInstanceOf(Verdict.Held.class, e.verdict());
        assertTrue(e.getMessage().contains("a lock left by the predecessor"), e.getMessage());
        assertTrue(Files.readString(out.resolve("state/processing.lock")).startsWith("PID: "));
        assertFalse(Files.exists(out.resolve("state/wait_times.sqlite")));
        assertTrue(Files.exists(out.resolve("staging/queue_times/queue_times_20240601.csv")));
        assertEquals(tree, csvTree(out));
    }

    @Test
    void anExistingDatabaseOfOursIsNotMistakenForThePredecessor() throws Exception {
        Path out = dir.resolve("out");
        ingest(bucket, out, new StringWriter());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state/wait_times.sqlite"));
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM meta WHERE key = 'predecessor_imported'"); // a database from before this feature
        }
        Set<String> before = dbRows(out);
        StringWriter console = new StringWriter();
        RunSummary again = ingest(bucket, out, console);
        assertEquals(0, again.filesLoaded());
        assertFalse(console.toString().contains("Found the predecessor's output"), console.toString());
        assertEquals(before, dbRows(out));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state/wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM wait_times WHERE shared = 1")) {
            r.next();
            assertEquals(0, r.getInt(1), "our own rows keep their single owner");
        }
    }

    @Test
    void stagedFilesAreLoadedOnLaterRunsAndASameNamedFileNeverReplacesAnEarlierOne() throws Exception {
        Path out = dir.resolve("out");
        ingest(bucket, out, new StringWriter());
        Path staging = Files.createDirectories(out.resolve("staging/queue_times"));
        Files.writeString(staging.resolve("q.csv"), HEADER + "\n" + STAGED.get(0) + "\n" + BAD + "\n");
        StringWriter console = new StringWriter();
        RunSummary second = ingest(bucket, out, console);
        assertEquals(0, second.filesLoaded());
        assertTrue(console.toString().contains("Loaded the staged file staging/queue_times/q.csv: 2 rows, 1 new, 1 unreadable"),
                console.toString());
        assertFalse(Files.exists(staging.resolve("q.csv")));
        Files.writeString(staging.resolve("q.csv"), STAGED.get(1) + "\n");
        ingest(bucket, out, new StringWriter());
        assertFalse(Files.exists(staging.resolve("q.csv")));
        Set<String> csv = csvRows(out);
        assertTrue(csv.containsAll(STAGED), "both staged files' rows stay");
        assertEquals(dbRows(out), csv);
        assertTrue(Files.readString(out.resolve(Predecessor.REJECTED_FILE)).contains("staging/queue_times/q.csv,3,"));
    }

    /** The predecessor's folder: fact CSVs, dedupe.sqlite, processed/failed JSON, a text lock, a staged file. */
    static Set<String> buildPredecessorFolder(Path out, long lockPid, Instant lockStart) throws Exception {
        Path clean = out.resolve("fact_tables/clean");
        copyTree(reference.resolve("fact_tables/clean"), clean);
        Set<String> expected = new HashSet<>(csvRows(out));
        assertTrue(expected.size() > 1000);
        Path some = firstCsv(clean);
        Files.writeString(some, CSV_ONLY + "\n" + BAD + "\n", StandardOpenOption.APPEND);
        Files.createDirectories(clean.resolve("2024-01"));
        Files.writeString(clean.resolve("2024-01/uh_2024-01-16.csv"), HEADER + "\n" + USH_NY + "\n");
        expected.add(CSV_ONLY);
        expected.add(USH_LA);

        Path state = Files.createDirectories(out.resolve("state"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("dedupe.sqlite"));
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE dedupe_keys (entity_code TEXT, observed_at TEXT, wait_time_type TEXT,"
                    + " wait_time_minutes INTEGER, PRIMARY KEY (entity_code, observed_at, wait_time_type, wait_time_minutes))");
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dedupe_keys VALUES (?, ?, ?, ?)")) {
                List<String> keys = new ArrayList<>(expected);
                keys.remove(USH_LA);
                keys.add(USH_NY);
                keys.add(DEDUPE_ONLY);
                for (String row : keys) {
                    String[] f = row.split(",");
                    for (int i = 0; i < 4; i++) ps.setString(i + 1, f[i]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
        expected.add(DEDUPE_ONLY);

        // processed_files.json in the predecessor's shape; one entry as boto3 gives it (quoted ETag, no date).
        Map<String, Object> processed = new LinkedHashMap<>();
        boolean first = true;
        for (SourceObject o : listing) {
            if (unprocessed.contains(o.key())) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            if (first) {
                m.put("ETag", "\"" + o.etag() + "\"");
                m.put("Size", o.size());
                first = false;
            } else {
                m.put("etag", o.etag());
                m.put("size", o.size());
                m.put("last_modified", o.lastModified().toString());
                m.put("processed_at", "2024-05-01T05:12:00");
            }
            processed.put(o.key(), m);
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(state.resolve("processed_files.json").toFile(), processed);
        Files.writeString(state.resolve("failed_files.json"), "{\"export/wait_times/wdw/gone.csv\": {\"error\": \"timeout\"}}");

        String start = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
                .format(LocalDateTime.ofInstant(lockStart, ZoneId.systemDefault()));
        Files.writeString(state.resolve("processing.lock"), "PID: " + lockPid + "\nStart: " + start + "\nScript: C:\\etl\\daily_etl.py\n");

        Path staging = out.resolve("staging/queue_times");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("queue_times_20240601.csv"), HEADER + "\n" + String.join("\n", STAGED) + "\n");
        expected.addAll(STAGED);
        return expected;
    }

    static RunSummary ingest(Path source, Path out, StringWriter console) throws IOException {
        Config c = Config.defaults();
        IngestOptions o = new IngestOptions(source.toString(), null, c.defaultProps(), out, out.resolve("state"), false,
                c.sampleK(), c.maxFailures(), Duration.ofDays(c.skipFailedOlderThanDays()), c.zones(),
                StoreOptions.JournalMode.DELETE, Duration.ZERO, "test");
        FileRunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new PrintWriter(console, true), Clock.systemUTC(), false)) {
            return new Ingest(o, lock, Clock.systemUTC(), log).run();
        }
    }

    static long deadPid() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version").start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.getErrorStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.pid();
    }

    static Set<String> dbRows(Path out) throws Exception {
        Set<String> rows = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state/wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT entity_code, observed_at, wait_time_type, wait_time_minutes FROM wait_times")) {
            while (r.next()) rows.add(r.getString(1) + "," + r.getString(2) + "," + r.getString(3) + "," + r.getInt(4));
        }
        return rows;
    }

    /** Every data line of every CSV under fact_tables/clean; fails on a line seen twice. */
    static Set<String> csvRows(Path out) throws IOException {
        Set<String> rows = new HashSet<>();
        Path root = out.resolve("fact_tables/clean");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                assertEquals(HEADER, lines.get(0), p.toString());
                for (String line : lines.subList(1, lines.size())) assertTrue(rows.add(line), "twice: " + line);
            }
        }
        return rows;
    }

    static String csvTree(Path out) throws IOException {
        TreeMap<String, String> files = new TreeMap<>();
        Path root = out.resolve("fact_tables/clean");
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) files.put(root.relativize(p).toString(), Files.readString(p));
        }
        return files.toString();
    }

    static Path firstCsv(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().startsWith("mk_")).sorted().findFirst().orElseThrow();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
