package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.source.S3Settings;
import parkwait.testing.S3MockServer;

/** The whole pipeline end to end, from a folder and from a real S3 API. */
class IngestTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(7, 30, 30_000));
    }

    @TempDir Path dir;

    @Test
    void folderAndS3GiveByteIdenticalCsvTreesAndDatabaseRows() throws Exception {
        Path viaDir = dir.resolve("dir");
        RunSummary a = Pipelines.ingestDir(bucket, viaDir);
        assertTrue(a.rowsNew() > 20_000, "rows loaded: " + a.rowsNew());

        S3MockServer s3 = S3MockServer.shared();
        String name = s3.newBucket("ingest");
        s3.uploadTree(bucket, name);
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        S3Settings settings = S3Settings.defaults().withEndpointUrl(s3.endpoint()).withRegion("us-east-1");
        Path viaS3 = dir.resolve("s3");
        RunSummary b = Pipelines.ingest(Pipelines.options("s3://" + name, settings, viaS3, false), null);

        assertEquals(a.rowsNew(), b.rowsNew());
        assertEquals(Pipelines.csvTree(viaDir), Pipelines.csvTree(viaS3));
        assertEquals(Pipelines.dbRows(viaDir), Pipelines.dbRows(viaS3));
    }

    @Test
    void secondRunReadsNothingAndWritesNothing() throws Exception {
        Path out = dir.resolve("out");
        RunSummary first = Pipelines.ingestDir(bucket, out);
        assertTrue(first.filesLoaded() > 0);
        String tree = Pipelines.csvTree(out);
        RunSummary second = Pipelines.ingestDir(bucket, out);
        assertEquals(0, second.filesLoaded());
        assertEquals(0, second.parse().recordsSeen());
        assertEquals(0, second.partitionsWritten());
        assertEquals(0, second.exitCode());
        assertEquals(tree, Pipelines.csvTree(out));
    }

    @Test
    void changedFileReplacesItsOldRowsAndEqualsAFreshRun() throws Exception {
        Path src = dir.resolve("src");
        Pipelines.copyTree(bucket, src);
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);

        Path current = src.resolve("export/fastpass_times/wdw/current_fastpass.csv");
        List<String> lines = Files.readAllLines(current, StandardCharsets.UTF_8);
        // Keep the header and half of the rows, and move every kept return time one hour later.
        StringBuilder changed = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i += 2) changed.append(laterReturn(lines.get(i))).append('\n');
        Files.writeString(current, changed, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(current, FileTime.from(Instant.now().plusSeconds(5)));

        RunSummary again = Pipelines.ingestDir(src, out);
        assertEquals(1, again.filesLoaded());
        Path fresh = dir.resolve("fresh");
        Pipelines.ingestDir(src, fresh);
        assertEquals(Pipelines.dbRows(fresh), Pipelines.dbRows(out));
        assertEquals(Pipelines.csvTree(fresh), Pipelines.csvTree(out));
    }

    @Test
    void runsOverSeveralBatchesOfFilesEqualOneRunByteForByte() throws Exception {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(bucket)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int batch = 0;
        for (int i = 0; i < files.size(); i++) {
            Path target = src.resolve(bucket.relativize(files.get(i)).toString());
            Files.createDirectories(target.getParent());
            Files.copy(files.get(i), target);
            if (i % 9 == 8 || i == files.size() - 1) {
                Pipelines.ingestDir(src, out);
                batch++;
            }
        }
        assertTrue(batch >= 3, "batches: " + batch);
        Path once = dir.resolve("once");
        Pipelines.ingestDir(bucket, once);
        assertEquals(Pipelines.csvTree(once), Pipelines.csvTree(out));
        assertEquals(Pipelines.dbRows(once), Pipelines.dbRows(out));
    }

    @Test
    void fullRebuildEqualsTheIncrementalHistory() throws Exception {
        Path out = dir.resolve("out");
        Pipelines.ingestDir(bucket, out);
        String tree = Pipelines.csvTree(out);
        List<String> rows = Pipelines.dbRows(out);
        RunSummary rebuilt = Pipelines.ingest(Pipelines.options(bucket.toString(), null, out, true), null);
        assertTrue(rebuilt.filesLoaded() > 0);
        assertEquals(tree, Pipelines.csvTree(out));
        assertEquals(rows, Pipelines.dbRows(out));
        assertTrue(Pipelines.leftoverTemps(out).isEmpty());
    }

    @Test
    void summaryCountsRejectsByReasonAndNamesSkippedKeys() throws Exception {
        StringWriter console = new StringWriter();
        RunSummary s = Pipelines.ingest(Pipelines.options(bucket.toString(), null, dir.resolve("out"), false), console);
        assertTrue(s.parse().rejected() > 0, "the generator's nasty files carry bad rows");
        String text = s.text();
        assertTrue(text.contains("Rejected:") && text.contains("bad entity code"), text);
        assertTrue(console.toString().contains("files listed"), console.toString());
    }

    @Test
    void missingSourceFolderFailsWithOneSentenceAndLeavesNoLock() throws Exception {
        Path out = dir.resolve("out");
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> Pipelines.ingest(Pipelines.options(dir.resolve("nope").toString(), null, out, false), null));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertTrue(!Files.exists(out.resolve("state").resolve("processing.lock")));
    }

    @Test
    void aRunOvertakenByANewerTokenStopsBeforeItsNextCommitAndWritesNothingMore() throws Exception {
        Path out = dir.resolve("out");
        IngestOptions o = Pipelines.options(bucket.toString(), null, out, false);
        int[] opened = {0};
        int[] committedBeforeTakeover = {-1};
        // While the run goes, a newer holder (token 1000) records itself in the database, as a run that
        // took over a paused holder's lock would. Files are read ahead of their commits, so the takeover
        // lands between two commits, after however many files were committed by then.
        java.util.function.Function<IngestOptions, parkwait.source.Source> sources = opts -> {
            parkwait.source.Source real = parkwait.source.Sources.open(opts.source(), opts.s3());
            return new parkwait.source.Source() {
                public String describe() { return real.describe(); }
                public List<parkwait.source.SourceObject> list(List<String> p) throws java.io.IOException { return real.list(p); }
                public java.io.InputStream open(parkwait.source.SourceObject obj) throws java.io.IOException {
                    if (++opened[0] == 4) {
                        try (parkwait.store.Store other = parkwait.store.Store.open(opts.database(), parkwait.store.StoreOptions.defaults())) {
                            other.claimToken(1000);
                            committedBeforeTakeover[0] = other.sourceFiles().size();
                        }
                    }
                    return real.open(obj);
                }
                public void close() { real.close(); }
            };
        };
        var lock = new parkwait.lock.FileRunLock(o.stateDir(), parkwait.lock.LockSettings.defaults(),
                parkwait.lock.ProcessFacts.system(), java.time.Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new java.io.PrintWriter(new StringWriter()), java.time.Clock.systemUTC(), false)) {
            parkwait.store.FencedException e = assertThrows(parkwait.store.FencedException.class,
                    () -> new Ingest(o, lock, java.time.Clock.systemUTC(), log, sources).run());
            assertTrue(e.getMessage().contains("1000"), e.getMessage());
        }
        try (parkwait.store.Store store = parkwait.store.Store.open(o.database(), parkwait.store.StoreOptions.defaults())) {
            assertTrue(committedBeforeTakeover[0] >= 0, "the takeover happened");
            assertEquals(committedBeforeTakeover[0], store.sourceFiles().size(),
                    "the files committed before the takeover stay; nothing after");
        }
        try (var files = Files.walk(out)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".csv")).toList(), "no CSV was written by the fenced run");
        }
        assertTrue(!Files.exists(out.resolve("state").resolve("processing.lock")), "the lock was released");
    }

    /** FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN: one hour later, unless compact or sold out. */
    static String laterReturn(String line) {
        String[] f = line.split(",", -1);
        if (f.length < 8) return line;
        try {
            int h = Integer.parseInt(f[6].trim());
            if (h >= 0 && h < 22) f[6] = Integer.toString(h + 1);
        } catch (NumberFormatException ignored) {
            // leave odd rows as they are
        }
        return String.join(",", f);
    }
}
