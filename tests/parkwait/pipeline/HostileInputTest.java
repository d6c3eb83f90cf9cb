package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import parkwait.pipeline.NastyExpectations.Expected;
import parkwait.pipeline.OutputChecks.SourceFile;

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
        assertEquals(List.of(), s.unknownKeys, "a .csv under wait_times/wdw or fastpass_times/wdw is never unknown");
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
        Path stdout = dir.resolve("stdout.json");
        Path stderr = dir.resolve("stderr.log");
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m", "-cp",
                System.getProperty("java.class.path"), "ingest", "--source", bucket.toString(), "--output-base", out.toString(),
                "--json");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ingest did not finish in 3 minutes:\n" + Files.readString(stderr));
        }
        String log = Files.readString(stderr);
        assertFalse(log.contains("OutOfMemoryError"), log);
        assertEquals(0, p.exitValue(), log);
        JsonNode summary = new ObjectMapper().readTree(stdout.toFile());
        assertEquals(1, summary.get("filesNew").asLong(), summary.toString());
        assertEquals(2, summary.get("rowsSeen").asLong(), summary.toString());
        assertEquals(0, summary.get("rowsRejected").asLong(), summary.toString());
        assertEquals(2, summary.get("rowsNew").asLong(), summary.toString());
        assertEquals(Map.of("2024-01/mk_2024-01-15.csv", OutputChecks.csvText(List.of(
                "MK01,2024-01-15T20:00:00-05:00,POSTED,45", "MK01,2024-01-15T20:05:00-05:00,POSTED,40"))),
                OutputChecks.partitions(out));
        OutputChecks.assertWellFormedCsvs(out);
    }

    /** The generated key of a nasty file (all under wdw). */
    static String keyOf(String name) {
        for (String key : Generator.keys(spec(0))) {
            if (key.endsWith("/" + name)) return key;
        }
        throw new IllegalArgumentException("the generator writes no nasty file named " + name);
    }
}
