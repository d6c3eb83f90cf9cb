package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;

/** People and machines touching the output folders between runs (issue 13): nothing is lost silently. */
class TouchedFoldersTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(13, 12, 6_000));
    }

    @TempDir Path dir;

    @Test
    void aPersonsOwnTmpFilesStayOnlyTheRunsOwnTempsGo() throws Exception {
        Path out = dir.resolve("out");
        Pipelines.ingestDir(bucket, out);
        Path clean = out.resolve("fact_tables").resolve("clean");
        Path month;
        try (var months = Files.list(clean)) {
            month = months.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path notes = Files.writeString(clean.resolve("notes.tmp"), "my notes");
        Path moreNotes = Files.writeString(month.resolve("draft.csv.tmp"), "a draft");
        Path leftover = Files.writeString(month.resolve("wdw_" + month.getFileName() + "-01.csv.tmp"), "half a file");

        Pipelines.ingestDir(bucket, out);

        assertEquals("my notes", Files.readString(notes));
        assertEquals("a draft", Files.readString(moreNotes));
        assertFalse(Files.exists(leftover), "the run's own leftover temp file is removed");
    }

    @Test
    void aDryRunLeavesAWalDatabaseInWalModeAndByteForByteAsItWas() throws Exception {
        Path out = dir.resolve("out");
        IngestOptions o = Pipelines.options(bucket.toString(), null, out, false);
        IngestOptions wal = new IngestOptions(o.source(), o.s3(), o.properties(), o.outputBase(), o.stateDir(), false,
                o.sampleK(), o.maxFailures(), o.skipFailedAfter(), o.zones(), parkwait.store.StoreOptions.JournalMode.WAL,
                o.lockWait(), o.command());
        Pipelines.ingest(wal, null);
        Path db = o.database();
        assertEquals(2, Files.readAllBytes(db)[18], "the run left the database in WAL mode (file format 2)");
        String before = Pipelines.sha256(Files.readAllBytes(db));

        try (RunLog log = RunLog.consoleOnly(new java.io.PrintWriter(new java.io.StringWriter()), java.time.Clock.systemUTC(), false)) {
            FilePlan.Plan plan = new Ingest(o, null, java.time.Clock.systemUTC(), log).dryRun();
            assertEquals(0, plan.load().size(), "everything is already loaded");
        }

        assertEquals(2, Files.readAllBytes(db)[18], "still WAL mode after the dry run");
        assertEquals(before, Pipelines.sha256(Files.readAllBytes(db)), "the dry run wrote nothing to the database");
    }

    @Test
    void aFolderWhereACsvGoesIsNamedWithTheRemedyAndKeptThenTheNextRunCatchesUp() throws Exception {
        Path clean = dir.resolve("clean-run");
        Pipelines.ingestDir(bucket, clean);
        String expected = Pipelines.csvTree(clean);
        Path someCsv = anyCsv(clean);

        Path out = dir.resolve("out");
        Path blocked = out.resolve(clean.relativize(someCsv).toString());
        Files.createDirectories(blocked);
        Path inside = Files.writeString(blocked.resolve("mine.txt"), "a person's file");
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> Pipelines.ingestDir(bucket, out));
        String sentence = parkwait.cli.Cli.sentence(e);
        assertTrue(sentence.contains("There is a folder at " + blocked) && sentence.contains("Move or rename that folder"), sentence);
        assertFalse(sentence.contains("Internal error"), sentence);
        assertEquals("a person's file", Files.readString(inside), "what the person put there is kept");

        Files.delete(inside);
        Files.delete(blocked);
        Pipelines.ingestDir(bucket, out);
        assertEquals(expected, Pipelines.csvTree(out), "the next run, with the folder gone, writes every CSV");
    }

    static Path anyCsv(Path out) throws java.io.IOException {
        try (var walk = Files.walk(out.resolve("fact_tables").resolve("clean"))) {
            return walk.filter(p -> p.toString().endsWith(".csv")).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void aCsvDeletedByHandIsWrittenAgainByTheNextRunEvenWithNothingNew() throws Exception {
        Path out = dir.resolve("out");
        Pipelines.ingestDir(bucket, out);
        String tree = Pipelines.csvTree(out);
        Path deleted = anyCsv(out);
        Files.delete(deleted);

        java.io.StringWriter console = new java.io.StringWriter();
        RunSummary again = Pipelines.ingest(Pipelines.options(bucket.toString(), null, out, false), console);

        assertEquals(0, again.filesLoaded(), "nothing new was read");
        assertEquals(1, again.partitionsWritten());
        assertTrue(console.toString().contains("1 partition CSV files were missing (deleted by hand?)"), console.toString());
        assertEquals(tree, Pipelines.csvTree(out));
    }

    @Test
    void verifyRewritesAndListsEveryCsvThatDiffersFromTheDatabase() throws Exception {
        Path out = dir.resolve("out");
        Pipelines.ingestDir(bucket, out);
        String tree = Pipelines.csvTree(out);
        List<Path> csvs;
        try (var walk = Files.walk(out.resolve("fact_tables").resolve("clean"))) {
            csvs = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        Path edited = csvs.get(0);
        Path deleted = csvs.get(1);
        Path truncated = csvs.get(2);
        Files.writeString(edited, Files.readString(edited).replaceFirst(",(\\d+)\n", ",999\n"));
        Files.delete(deleted);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        Path stray = out.resolve("fact_tables/clean/1999-01/wdw_1999-01-05.csv");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, parkwait.export.PartitionFiles.HEADER);

        List<Verify.Finding> found;
        var lock = new parkwait.lock.FileRunLock(out.resolve("state"), parkwait.lock.LockSettings.defaults(),
                parkwait.lock.ProcessFacts.system(), java.time.Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new java.io.PrintWriter(new java.io.StringWriter()), java.time.Clock.systemUTC(), false)) {
            found = new Ingest(Pipelines.options(bucket.toString(), null, out, false), lock, java.time.Clock.systemUTC(), log).verify();
        }

        assertEquals(java.util.Map.of(edited, "differs from the database", deleted, "missing", truncated, "differs from the database",
                stray, "not written by this program"),
                found.stream().collect(java.util.stream.Collectors.toMap(Verify.Finding::file, Verify.Finding::how)));
        assertEquals(tree, Pipelines.csvTree(out), "every CSV equals the database again, and the stray one is gone");
    }
}
