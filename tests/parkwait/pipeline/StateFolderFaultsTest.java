package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.testing.JavaProcesses;
import parkwait.testing.ReadOnly;
import parkwait.testing.Tmpfs;

/**
 * The issue 4 promise for the places a run writes to: a read-only or full state folder, output
 * folder or fact_tables folder gives exit 1 and one sentence naming the folder and what to do,
 * leaves no lock behind, keeps what was there, and once fixed the next run equals a clean run.
 * Real ingest processes (their console is what a user sees), a real immutable flag (we run as
 * root, so permissions alone stop nothing) and a real tiny tmpfs for the full disk.
 */
class StateFolderFaultsTest {
    /** Room left on the tmpfs after the first run: the second run's lock, log and first commits fit, its data does not. */
    static final long MARGIN = 64 * 1024;
    static final long ROOMY = 64L << 20;

    @TempDir static Path shared;
    static Path before;
    static Path all;
    static Path reference;

    @TempDir Path dir;
    /** Undo actions (unmount, make writable), run in reverse even when a test fails. */
    final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    @BeforeAll
    static void generate() throws Exception {
        all = shared.resolve("all");
        Generator.writeBucket(all, Spec.of(41, 24, 24_000));
        // The first run sees the first half of the keys; the second run finds the rest "added".
        before = shared.resolve("before");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(all)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files.subList(0, files.size() / 2)) {
            Path target = before.resolve(all.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        reference = shared.resolve("reference");
        Pipelines.ingestDir(all, reference);
    }

    @AfterEach
    void undo() throws Exception {
        Exception first = null;
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().close();
            } catch (Exception e) {
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    @Test
    void readOnlyStateFolderStopsBeforeTheLockWithOneSentenceAndChangesNothing() throws Exception {
        Path out = dir.resolve("out");
        refusedWhileReadOnly(out, out.resolve("state"), false, "read-only state folder", "a refused run changes nothing",
                "is read-only", "make it writable", "--state-dir");
    }

    @Test
    void readOnlyFactTablesFolderStopsBeforeLoadingWithOneSentenceAndChangesNothing() throws Exception {
        Path out = dir.resolve("out");
        // Checked before the database is opened: no file is loaded that could not be exported.
        refusedWhileReadOnly(out, out.resolve("fact_tables"), true, "read-only fact_tables",
                "a run that cannot write its CSVs changes nothing", "is read-only", "make it writable", "run again");
    }

    @Test
    void readOnlyOutputFolderStopsAtOnceWithOneSentenceAndChangesNothing() throws Exception {
        Path out = dir.resolve("out");
        refusedWhileReadOnly(out, out, true, "read-only output folder", null, "is read-only", "make it writable", "run again");
    }

    /**
     * One good run, then {@code folder} (with {@code tree}: everything in it) made read-only: the next
     * run with new files fails with one sentence naming the folder and holding {@code words}, leaves no
     * lock or temp file and changes nothing; once writable again, a run ends equal to a clean one.
     */
    private void refusedWhileReadOnly(Path out, Path folder, boolean tree, String label, String unchanged, String... words)
            throws Exception {
        Path state = out.resolve("state");
        succeeds(ingest(before, out));
        State kept = State.of(out, state);

        readOnly(folder, tree);
        Result r = ingest(all, out);
        List<String> parts = new ArrayList<>(List.of(folder.toString()));
        parts.addAll(List.of(words));
        String sentence = failsWithOneSentence(r, parts.toArray(String[]::new));
        System.out.println(label + ": exit " + r.exit() + ": " + sentence);
        assertNoLockAndNoTemps(out, state);
        assertEquals(kept, State.of(out, state), unchanged);

        cleanup.pop().close();
        recoversToACleanRun(out, state);
    }

    @Test
    void diskAlreadyFullStopsBeforeTheLockWithOneSentenceAndChangesNothing() throws Exception {
        Tmpfs disk = tmpfs(dir.resolve("disk"));
        Path out = disk.dir().resolve("out");
        Path state = out.resolve("state");
        succeeds(ingest(before, out));
        State kept = State.of(out, state);

        disk.resize(disk.used()); // not one page left
        Result r = ingest(all, out);
        String sentence = failsWithOneSentence(r, state.toString(), "is full", "free some space");
        System.out.println("disk already full: exit " + r.exit() + ": " + sentence);
        assertNoLockAndNoTemps(out, state);
        assertEquals(kept, State.of(out, state));

        disk.resize(ROOMY);
        recoversToACleanRun(out, state);
    }

    @Test
    void diskFullWhileCommittingToTheDatabaseKeepsEveryCommittedFileAndLosesNothing() throws Exception {
        Tmpfs disk = tmpfs(dir.resolve("disk"));
        Path out = disk.dir().resolve("out");
        Path state = out.resolve("state");
        succeeds(ingest(before, out));
        State kept = State.of(out, state);
        List<String> rowsBefore = Pipelines.dbRows(out);

        disk.resize(disk.used() + MARGIN);
        Result r = ingest(all, out);
        String sentence = failsWithOneSentence(r, state.resolve("wait_times.sqlite").toString(), "is full", "free some space", "run again");
        System.out.println("disk full in a database commit: exit " + r.exit() + ": " + sentence);
        assertNoLockAndNoTemps(out, state);
        assertEquals("ok", integrity(state), "the database survived the full disk");
        List<String> rowsAfter = Pipelines.dbRows(out);
        assertTrue(rowsAfter.containsAll(rowsBefore), "rows that were loaded before are still there");
        assertTrue(rowsAfter.size() < Pipelines.dbRows(reference).size(), "the run really stopped part-way");
        // The run stopped before the export: CSVs and JSON exports are as the first run left them.
        assertEquals(kept.csvs(), State.of(out, state).csvs());
        assertEquals(kept.processed(), State.of(out, state).processed());

        disk.resize(ROOMY);
        recoversToACleanRun(out, state);
    }

    @Test
    void diskFullWhileWritingCsvsLeavesNoPartialFileAndLosesNothing() throws Exception {
        // The state folder on another (roomy) disk, so that loading fits and only the CSVs do not.
        Path state = dir.resolve("state");
        Tmpfs disk = tmpfs(dir.resolve("disk"));
        Path out = disk.dir().resolve("out");
        succeeds(ingest(before, out, "--state-dir", state.toString()));
        State kept = State.of(out, state);

        disk.resize(disk.used() + MARGIN);
        Result r = ingest(all, out, "--state-dir", state.toString());
        String sentence = failsWithOneSentence(r, out.resolve("fact_tables").toString(), "is full", "free some space", "run again");
        System.out.println("disk full while writing CSVs: exit " + r.exit() + ": " + sentence);
        assertNoLockAndNoTemps(out, state);
        assertEquals("ok", integrity(state));
        assertEquals(Pipelines.dbRows(reference), rowsIn(state), "every file was loaded before the export began");
        assertTrue(Files.exists(out.resolve("fact_tables")), "the CSVs of the first run are still there");
        everyCsvIsWhole(out);

        disk.resize(ROOMY);
        succeeds(ingest(all, out, "--state-dir", state.toString()));
        assertEquals(Pipelines.csvTree(reference), Pipelines.csvTree(out));
        assertEquals(Pipelines.dbRows(reference), rowsIn(state));
        assertEquals(processed(reference.resolve("state")), processed(state));
        assertNoLockAndNoTemps(out, state);
        assertFalse(kept.csvs().equals(Pipelines.csvTree(out)), "the second run changed the CSVs");
    }

    // --- the runs ---

    record Result(int exit, String output) {
    }

    Result ingest(Path bucket, Path out, String... more) throws Exception {
        Path log = Files.createTempFile(dir, "ingest", ".out");
        List<String> args = new ArrayList<>(List.of("--source", bucket.toString(), "--output-base", out.toString()));
        args.addAll(List.of(more));
        Process p = JavaProcesses.startMain(Class.forName("ingest"), log, Map.of(), args.toArray(String[]::new));
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ingest did not finish:\n" + Files.readString(log));
        } finally {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    static void succeeds(Result r) {
        assertEquals(0, r.exit(), r.output());
    }

    /**
     * Exit 1, and besides the timestamped progress lines exactly one line: the sentence, naming
     * {@code parts}. No stack trace, no "Internal error", no Java exception names.
     */
    static String failsWithOneSentence(Result r, String... parts) {
        assertEquals(1, r.exit(), r.output());
        List<String> said = r.output().lines().filter(l -> !l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*")).toList();
        assertEquals(1, said.size(), "one sentence, nothing else:\n" + r.output());
        String sentence = said.get(0);
        for (String part : parts) assertTrue(sentence.contains(part), "\"" + part + "\" missing from: " + sentence);
        for (String bad : List.of("Exception", "Internal error", "\tat ", "SQLITE_")) {
            assertFalse(r.output().contains(bad), "\"" + bad + "\" on the console:\n" + r.output());
        }
        return sentence;
    }

    void recoversToACleanRun(Path out, Path state) throws Exception {
        succeeds(ingest(all, out));
        assertEquals(Pipelines.csvTree(reference), Pipelines.csvTree(out));
        assertEquals(Pipelines.dbRows(reference), rowsIn(state));
        assertEquals(processed(reference.resolve("state")), processed(state));
        assertEquals(Files.readString(reference.resolve("state").resolve("failed_files.json")),
                Files.readString(state.resolve("failed_files.json")));
        assertNoLockAndNoTemps(out, state);
    }

    static void assertNoLockAndNoTemps(Path out, Path state) throws Exception {
        assertFalse(Files.exists(state.resolve("processing.lock")), "the lock was left behind");
        assertEquals(List.of(), Pipelines.leftoverTemps(out), "temp files left behind");
        assertEquals(List.of(), Pipelines.leftoverTemps(state), "temp files left behind");
        assertFalse(Files.exists(state.resolve("wait_times.sqlite-journal")), "a hot journal was left behind");
    }

    // --- what is on disk ---

    /** What must not change when a run is refused: the database file's bytes, the CSV tree and the JSON exports. */
    record State(String database, String csvs, String processed, String failed) {
        static State of(Path out, Path state) throws Exception {
            return new State(sha(state.resolve("wait_times.sqlite")), Pipelines.csvTree(out),
                    sha(state.resolve("processed_files.json")), sha(state.resolve("failed_files.json")));
        }

        private static String sha(Path file) throws Exception {
            return Pipelines.sha256(Files.readAllBytes(file));
        }
    }

    /** The fact rows of the database in {@code state} (a folder named state, as Pipelines reads it). */
    static List<String> rowsIn(Path state) throws Exception {
        assertEquals("state", state.getFileName().toString());
        return Pipelines.dbRows(state.getParent());
    }

    static String integrity(Path state) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + state.resolve("wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            return r.next() ? r.getString(1) : "no answer";
        }
    }

    /** Key -> etag and size of state/processed_files.json (its times differ from run to run). */
    static Map<String, String> processed(Path state) throws Exception {
        JsonNode json = new ObjectMapper().readTree(state.resolve("processed_files.json").toFile());
        Map<String, String> files = new TreeMap<>();
        json.fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().get("etag").asText() + " " + e.getValue().get("size").asText()));
        return files;
    }

    /** Every CSV left on disk is whole: the header, then lines that each end in LF. */
    static void everyCsvIsWhole(Path out) throws Exception {
        try (Stream<Path> walk = Files.walk(out.resolve("fact_tables"))) {
            for (Path p : (Iterable<Path>) walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".csv"))::iterator) {
                String text = Files.readString(p);
                assertTrue(text.startsWith(parkwait.export.PartitionFiles.HEADER) && text.endsWith("\n"), "partial CSV " + p);
            }
        }
    }

    // --- faults, undone in @AfterEach ---

    void readOnly(Path folder, boolean tree) throws Exception {
        if (tree) ReadOnly.makeTree(folder); else ReadOnly.make(folder);
        cleanup.push(() -> {
            if (tree) ReadOnly.undoTree(folder); else ReadOnly.undo(folder);
        });
    }

    Tmpfs tmpfs(Path at) throws Exception {
        StringBuilder why = new StringBuilder();
        Tmpfs t = Tmpfs.mount(at, ROOMY, why);
        assumeTrue(t != null, why::toString);
        cleanup.push(t);
        return t;
    }
}
