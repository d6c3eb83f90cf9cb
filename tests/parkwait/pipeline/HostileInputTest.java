package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import parkwait.gen.Generator;
import parkwait.gen.Kind;
import parkwait.gen.Property;
import parkwait.gen.Sink;
import parkwait.gen.Spec;
import parkwait.lock.FileRunLock;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.pipeline.NastyExpectations.Expected;
import parkwait.pipeline.OutputChecks.SourceFile;
import parkwait.source.S3Settings;
import parkwait.source.Source;
import parkwait.source.Sources;
import parkwait.testing.JavaProcesses;
import parkwait.testing.S3MockServer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Issue 4, hostile input: each file of the generator's nasty set, alone, through the whole
 * pipeline, against the outcome DESIGN 4.3 gives it (hand-written in {@link NastyExpectations}):
 * no crash, exit 0, exactly the good rows, each bad row counted under its reason, well-formed
 * CSVs. Plus a 50 MB record in a small heap, and odd keys that must never become local paths.
 */
class HostileInputTest {
    /** The seed NastyExpectations' nasty_binary.csv reasoning depends on. */
    static final long SEED = 4;

    @TempDir static Path shared;
    static Path generated;

    @BeforeAll
    static void generate() throws Exception {
        generated = shared.resolve("generated");
        Generator.writeBucket(generated, spec(0));
    }

    /** The nasty set only, all of it under wdw (entity MK01, New York). */
    static Spec spec(int longLineBytes) {
        return new Spec(SEED, List.of(Property.WDW), EnumSet.allOf(Kind.class), 0, 0, true, false, longLineBytes);
    }

    @TempDir Path dir;

    static List<Expected> cases() {
        return NastyExpectations.all();
    }

    @Test
    void everyGeneratedNastyFileHasAHandWrittenExpectation() throws Exception {
        TreeSet<String> generatedNames = new TreeSet<>();
        for (String key : Generator.keys(spec(0))) generatedNames.add(key.substring(key.lastIndexOf('/') + 1));
        TreeSet<String> expected = new TreeSet<>();
        cases().forEach(e -> expected.add(e.name()));
        assertEquals(generatedNames, expected, "a nasty case without an expectation (or the reverse)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachNastyFileAloneLoadsItsGoodRowsAndCountsItsBadOnes(Expected e) throws Exception {
        String key = keyOf(e.name());
        Path bucket = dir.resolve("bucket");
        Path file = bucket.resolve(key);
        Files.createDirectories(file.getParent());
        Files.copy(generated.resolve(key), file);
        Path out = dir.resolve("out");

        StringWriter console = new StringWriter();
        RunSummary s = Pipelines.ingest(Pipelines.options(bucket.toString(), null, out, false), console);

        // DESIGN 4.3/4.6: a malformed file never fails the run or the file; its good rows load.
        assertEquals(0, s.exitCode(), console.toString());
        assertEquals(0, s.filesFailed(), console.toString());
        assertEquals(e.listed() ? 1 : 0, s.filesLoaded(), console.toString());
        // A .csv under wait_times/wdw or fastpass_times/wdw is never unknown; anything else is reported as such.
        assertEquals(e.listed() ? List.of() : List.of(key), s.unknownKeys, "not wait-time files");
        assertEquals(e.seen(), s.parse().recordsSeen(), "records seen");
        assertEquals(e.rejects(), s.parse().rejects(), "rejects by reason");
        assertEquals(e.rows(), s.rowsNew(), "rows loaded");
        for (var r : e.rejects().entrySet()) {
            assertTrue(s.text().contains(r.getKey().label() + " " + r.getValue()), "summary names " + r + ":\n" + s.text());
        }

        Map<String, SourceFile> recorded = OutputChecks.sourceFiles(out);
        if (e.listed()) {
            SourceFile f = recorded.get(key);
            assertEquals("loaded", f.status(), "a file with no good rows is still loaded, not failed: " + f);
            assertEquals(e.seen(), f.rowsSeen());
            assertEquals(e.rejected(), f.rowsRejected());
            assertEquals(e.rejects(), f.rejects(), "rejects recorded in the database");
            assertEquals(1, recorded.size());
        } else {
            assertEquals(Map.of(), recorded);
        }
        assertEquals(e.rows(), OutputChecks.dbRowCount(out));

        Map<String, String> expectedCsvs = new TreeMap<>();
        e.csvs().forEach((path, rows) -> expectedCsvs.put(path, OutputChecks.csvText(rows)));
        assertEquals(expectedCsvs, OutputChecks.partitions(out));
        OutputChecks.assertWellFormedCsvs(out);
        assertEquals(List.of(), Pipelines.leftoverTemps(out));
    }

    /** NastyExpectations' counts for nasty_binary.csv rest on the shape of seed 4's junk: check it. */
    @Test
    void binaryJunkHasTheShapeTheExpectationAssumes() throws Exception {
        byte[] bytes = Files.readAllBytes(generated.resolve(keyOf("nasty_binary.csv")));
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
        // header, good row, junk line 1, junk line 2, good row, "" after the last LF
        assertEquals(6, lines.length, "the junk holds exactly one LF");
        assertEquals(0, lines[2].chars().filter(c -> c == ',').count(), "junk line 1: one field");
        assertFalse(lines[2].isBlank());
        String[] fields = lines[3].split(",", -1);
        assertEquals(5, fields.length, "junk line 2: 5 fields, enough not to be short");
        for (String f : fields) assertFalse(f.startsWith("\""), "no quote opens a quoted field");
        assertFalse(fields[0].strip().isEmpty());
    }

    /**
     * DESIGN 7: memory is bounded by a setting, not by file size. A real ingest process with a 64 MB
     * heap reads a file whose second line is one 50 MB record; the junk is in user_id, which DESIGN
     * 4.3 says is not read, so that record loads like the short one after it.
     */
    @Test
    @Tag("slow")
    void aFiftyMegabyteRecordLoadsInASixtyFourMegabyteHeap() throws Exception {
        Path bucket = dir.resolve("bucket");
        Sink folder = Sink.folder(bucket);
        Generator.write(key -> key.endsWith("/nasty_long_line.csv") ? folder.create(key) : OutputStream.nullOutputStream(),
                spec(50_000_000).withKinds(EnumSet.of(Kind.STANDBY)));
        String key = "export/wait_times/wdw/nasty_long_line.csv";
        assertTrue(Files.size(bucket.resolve(key)) > 50_000_000);

        Path out = dir.resolve("out");
        JsonNode summary = ingestInSmallHeap(bucket, out);
        assertEquals(1, summary.get("filesNew").asLong(), summary.toString());
        assertEquals(2, summary.get("rowsSeen").asLong(), summary.toString());
        assertEquals(0, summary.get("rowsRejected").asLong(), summary.toString());
        assertEquals(2, summary.get("rowsNew").asLong(), summary.toString());
        assertEquals(Map.of("2024-01/mk_2024-01-15.csv", OutputChecks.csvText(List.of(
                "MK01,2024-01-15T20:00:00-05:00,POSTED,45", "MK01,2024-01-15T20:05:00-05:00,POSTED,40"))),
                OutputChecks.partitions(out));
        OutputChecks.assertWellFormedCsvs(out);
    }

    /**
     * 20,000 distinct junk entity codes of 4,000 characters (80 MB) in a 64 MB heap: junk cells must
     * not pile up in a cache. Hand-built, as no nasty file is this big; every row is a bad code.
     */
    @Test
    @Tag("slow")
    void twentyThousandLongJunkCodesLoadInASixtyFourMegabyteHeap() throws Exception {
        Path bucket = dir.resolve("bucket");
        Path file = bucket.resolve("export/wait_times/wdw/long_junk_codes.csv");
        Files.createDirectories(file.getParent());
        byte[] junk = "J".repeat(4000).getBytes(StandardCharsets.US_ASCII);
        try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(file))) {
            o.write("entity_code,observed_at,submitted_posted_time,submitted_actual_time\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20_000; i++) {
                o.write(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
                o.write(junk);
                o.write(",2024-01-15 10:00:00,45,\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        JsonNode summary = ingestInSmallHeap(bucket, dir.resolve("out"));
        assertEquals(20_000, summary.get("rowsSeen").asLong(), summary.toString());
        assertEquals(20_000, summary.get("rejected").get("bad entity code").asLong(), summary.toString());
        assertEquals(0, summary.get("rowsNew").asLong(), summary.toString());
    }

    /** Runs the real ingest main in a child JVM with a 64 MB heap; returns its --json summary after checking it exited 0. */
    private JsonNode ingestInSmallHeap(Path bucket, Path out) throws Exception {
        Path stdout = dir.resolve("stdout.json");
        Path stderr = dir.resolve("stderr.log");
        List<String> cmd = JavaProcesses.command(List.of("-Xmx64m"), "ingest", "--source", bucket.toString(),
                "--output-base", out.toString(), "--json");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ingest did not finish in 3 minutes:\n" + Files.readString(stderr));
        }
        String log = Files.readString(stderr);
        assertFalse(log.contains("OutOfMemoryError"), log);
        assertEquals(0, p.exitValue(), log);
        return new ObjectMapper().readTree(stdout.toFile());
    }

    // ---- keys that must never become local paths (issue 4; DESIGN 4.5: outputs are named by park and date) ----

    static final String PREFIX = "export/wait_times/wdw/";

    /** Odd keys, each naming a distinct place; {@code t} is a per-run token found in no other name. */
    static List<String> hostileKeys(String t) {
        return List.of(
                PREFIX + "../../../../../../../../" + t + "-dotdot.csv",
                PREFIX + "..\\..\\..\\..\\" + t + "-backslash.csv",
                PREFIX + "/etc/" + t + "-absolute.csv",
                PREFIX + "/" + t + "-slash.csv",
                PREFIX + "C:\\" + t + "-drive.csv",
                PREFIX + "./" + t + "-dot.csv",
                PREFIX + "%2e%2e%2f" + t + "-encoded.csv",
                PREFIX + "=cmd|' /C calc'!A0 " + t + ".csv",
                PREFIX + "tab\tnew\nline " + t + ".csv",
                PREFIX + "nul\u0000" + t + ".csv",
                PREFIX + "\u2024\u2024\u2215" + t + "-lookalike.csv",   // one-dot leaders, division slash
                "/etc/" + t + "-root.csv",                                // outside every prefix: never listed
                "C:\\" + t + "-root.csv",
                "../" + t + "-root.csv");
    }

    /**
     * Through a real S3 API. S3Mock's web server answers 400 to keys with "..", "//", "\\", NUL or a
     * leading "/" (real S3 stores them); those keys reach the pipeline anyway: their bytes are stored
     * under a stand-in key, and a thin wrapper over the real S3 source lists the stand-in under the
     * odd key and opens it back. Keys outside every prefix are uploaded only where the store takes them.
     */
    @Test
    void oddKeysFromS3LoadButNeverBecomeLocalPaths() throws Exception {
        String token = "pwesc" + Long.toHexString(System.nanoTime());
        byte[] body = Files.readAllBytes(generated.resolve(keyOf("space mountain (copy).csv")));
        S3MockServer s3 = S3MockServer.shared();
        String bucket = s3.newBucket("hostile-keys");
        Map<String, String> standIns = new TreeMap<>();   // stand-in key -> odd key
        List<String> refused = new ArrayList<>();
        for (String key : hostileKeys(token)) {
            if (!put(s3, bucket, key, body)) {
                refused.add(visible(key));
                String standIn = PREFIX + "stand-in-" + standIns.size() + ".csv";
                if (key.startsWith(PREFIX) && put(s3, bucket, standIn, body)) standIns.put(standIn, key);
            }
        }
        System.out.println("odd keys S3Mock refuses, passed through the renaming wrapper if under the prefix: " + refused);
        Set<String> stored = new TreeSet<>();
        s3.client().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().forEach(o -> stored.add(o.key()));
        Set<String> listed = new TreeSet<>();   // DESIGN 4.1: what a listing by prefix returns
        for (String key : hostileKeys(token)) {
            if (key.startsWith(PREFIX) && (stored.contains(key) || standIns.containsValue(key))) listed.add(key);
        }
        assertEquals(hostileKeys(token).stream().filter(k -> k.startsWith(PREFIX)).count(), listed.size(),
                "every odd key under the prefix reaches the pipeline, stored as it is or through a stand-in");

        Map<String, String> saved = new LinkedHashMap<>();
        for (String k : List.of("aws.accessKeyId", "aws.secretAccessKey")) saved.put(k, System.getProperty(k));
        System.setProperty("aws.accessKeyId", "hostile-test-key");
        System.setProperty("aws.secretAccessKey", "hostile-test-secret");
        Path out = dir.resolve("a/b/c/out");   // deep, so that a climbing key would land inside dir
        Set<String> before = OutputTree.entries(dir);
        RunSummary s;
        StringWriter console = new StringWriter();
        try {
            S3Settings settings = S3Settings.defaults().withEndpointUrl(s3.endpoint()).withRegion("us-east-1");
            IngestOptions o = Pipelines.options("s3://" + bucket, settings, out, false);
            s = ingest(o, console, opts -> new RenamingSource(Sources.open(opts.source(), opts.s3()), standIns));
        } finally {
            saved.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
        assertLoadedEachKeyIntoTheParkDayFileOnly(s, console, out, listed);
        assertNothingOutside(before, dir, out);
        OutputTree.assertNoNameContaining(token, 12, dir, Path.of("").toAbsolutePath());
    }

    private static boolean put(S3MockServer s3, String bucket, String key, byte[] body) {
        try {
            s3.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
            return true;
        } catch (SdkException e) {
            return false;
        }
    }

    /** Pipelines.ingest with another way to open the source. */
    private static RunSummary ingest(IngestOptions o, StringWriter console, Function<IngestOptions, Source> sources)
            throws Exception {
        FileRunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new PrintWriter(console, true), Clock.systemUTC(), false)) {
            return new Ingest(o, lock, Clock.systemUTC(), log, sources).run();
        }
    }

    @Test
    void oddFileNamesInASourceFolderLoadAndLinksOutOfItAreNotFollowed() throws Exception {
        String token = "pwesc" + Long.toHexString(System.nanoTime());
        byte[] body = Files.readAllBytes(generated.resolve(keyOf("space mountain (copy).csv")));
        Path bucket = dir.resolve("bucket");
        Path folder = Files.createDirectories(bucket.resolve(PREFIX));
        // File names Linux accepts: no '/', no NUL; '..' and '.' are not names.
        Set<String> listed = new TreeSet<>();
        for (String name : List.of("..\\..\\..\\" + token + "-backslash.csv", "C:\\" + token + "-drive.csv",
                "=cmd|' calc'!A0 " + token + ".csv", "tab\tnew\nline " + token + ".csv", "..." + token + ".csv",
                "\u2024\u2024\u2215" + token + "-lookalike.csv")) {
            Files.write(folder.resolve(name), body);
            listed.add(PREFIX + name);
        }
        // DirSource: links are followed only while their target stays inside the root.
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.write(outside.resolve("outside.csv"), body);
        Files.createSymbolicLink(folder.resolve("link-to-file-outside.csv"), outside.resolve("outside.csv"));
        Files.createSymbolicLink(folder.resolve("link-to-folder-outside"), outside);

        Path out = dir.resolve("a/b/c/out");
        Set<String> before = OutputTree.entries(dir);
        StringWriter console = new StringWriter();
        RunSummary s = Pipelines.ingest(Pipelines.options(bucket.toString(), null, out, false), console);
        assertLoadedEachKeyIntoTheParkDayFileOnly(s, console, out, listed);
        assertNothingOutside(before, dir, out);
        OutputTree.assertNoNameContaining(token, 12, out, Path.of("").toAbsolutePath());
    }

    /** DESIGN 4.5: keys are processed in code-point order, which UTF-16 order contradicts past U+FFFF. */
    @Test
    void keysBeyondTheBasicPlaneAreProcessedInCodePointOrder() throws Exception {
        byte[] body = Files.readAllBytes(generated.resolve(keyOf("space mountain (copy).csv")));
        Path bucket = dir.resolve("bucket");
        Path folder = Files.createDirectories(bucket.resolve(PREFIX));
        Files.write(folder.resolve("\uD83C\uDFA2.csv"), body);   // U+1F3A2, a surrogate pair in UTF-16
        Files.write(folder.resolve("\uFF21.csv"), body);          // U+FF21, fullwidth A: first by code point
        StringWriter console = new StringWriter();
        Pipelines.ingest(Pipelines.options(bucket.toString(), null, dir.resolve("out"), false), console);
        String log = console.toString();
        int fullwidth = log.indexOf("] " + PREFIX + "\uFF21.csv");
        int coaster = log.indexOf("] " + PREFIX + "\uD83C\uDFA2.csv");
        assertTrue(fullwidth >= 0 && coaster >= 0, log);
        assertTrue(fullwidth < coaster, "U+FF21 comes before U+1F3A2:\n" + log);
    }

    /** Each odd key loaded, all into the one file its rows' park and day name, as a plain key would. */
    private static void assertLoadedEachKeyIntoTheParkDayFileOnly(RunSummary s, StringWriter console, Path out,
                                                                  Set<String> listed) throws Exception {
        assertEquals(0, s.exitCode(), console.toString());
        assertEquals(listed.size(), s.filesLoaded(), console.toString());
        Map<String, SourceFile> recorded = OutputChecks.sourceFiles(out);
        assertEquals(listed, recorded.keySet());
        recorded.values().forEach(f -> assertEquals("loaded", f.status(), f.toString()));
        Expected plain = cases().stream().filter(e -> e.name().equals("space mountain (copy).csv")).findFirst().orElseThrow();
        Map<String, String> expected = new TreeMap<>();
        plain.csvs().forEach((path, rows) -> expected.put(path, OutputChecks.csvText(rows)));
        assertEquals(expected, OutputChecks.partitions(out));
        OutputChecks.assertWellFormedCsvs(out);
        OutputTree.assertOnlyFixedNames(out);
    }

    /** Nothing under {@code dir} changed except inside {@code out}. */
    private static void assertNothingOutside(Set<String> before, Path dir, Path out) throws Exception {
        String outRel = dir.relativize(out).toString().replace('\\', '/');
        Set<String> after = new TreeSet<>(OutputTree.entries(dir));
        after.removeIf(p -> p.equals(outRel) || p.startsWith(outRel + "/"));
        Set<String> was = new TreeSet<>(before);
        was.removeIf(p -> p.equals(outRel) || p.startsWith(outRel + "/"));
        // The folders leading to out are made by the run; nothing else may appear.
        for (String parent = outRel; parent.contains("/"); ) {
            parent = parent.substring(0, parent.lastIndexOf('/'));
            after.remove(parent);
            was.remove(parent);
        }
        assertEquals(was, after, "files appeared outside the output base");
    }

    private static String visible(String key) {
        return key.replace("\t", "\\t").replace("\n", "\\n").replace("\u0000", "\\0");
    }

    /** The generated key of a nasty file (all under wdw). */
    static String keyOf(String name) {
        for (String key : Generator.keys(spec(0))) {
            if (key.endsWith("/" + name)) return key;
        }
        throw new IllegalArgumentException("the generator writes no nasty file named " + name);
    }
}
