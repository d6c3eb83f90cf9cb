package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;

/** --full-rebuild with --props rebuilds those properties only; rows lost with files gone from the source are counted. */
class RebuildTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(17, 20, 10_000));
    }

    @TempDir Path dir;

    static IngestOptions rebuildOf(Path source, Path out, List<String> properties) {
        IngestOptions o = Pipelines.options(source.toString(), null, out, true);
        return new IngestOptions(o.source(), o.s3(), properties, o.outputBase(), o.stateDir(), true, o.sampleK(),
                o.maxFailures(), o.skipFailedAfter(), o.zones(), o.journalMode(), o.lockWait(), o.command());
    }

    @Test
    void aRebuildOfOnePropertyLeavesTheOthersCsvsAndRowsAsTheyWere() throws Exception {
        Path out = dir.resolve("out");
        Pipelines.ingestDir(bucket, out);
        String tree = Pipelines.csvTree(out);
        List<String> rows = Pipelines.dbRows(out);

        RunSummary rebuilt = Pipelines.ingest(rebuildOf(bucket, out, List.of("wdw")), null);

        assertTrue(rebuilt.filesLoaded() > 0, "the wdw files were read again");
        assertEquals(tree, Pipelines.csvTree(out), "every CSV, of every property, is as before");
        assertEquals(rows, Pipelines.dbRows(out));
    }

    @Test
    void filesGoneFromTheSourceAreCountedPerPropertyAndTheResultEqualsAFreshLoad() throws Exception {
        Path src = dir.resolve("src");
        Pipelines.copyTree(bucket, src);
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);
        int before = Pipelines.dbRows(out).size();
        Path gone;
        try (Stream<Path> walk = Files.walk(src.resolve("export/wait_times/wdw"))) {
            gone = walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        Files.delete(gone);

        StringWriter console = new StringWriter();
        Pipelines.ingest(rebuildOf(src, out, List.of("wdw", "dlr")), console);

        int removed = before - Pipelines.dbRows(out).size();
        assertTrue(removed > 0, "the gone file had rows of its own");
        assertTrue(console.toString().contains("Full rebuild of wdw: 1 loaded file is no longer in the source, so "
                + removed + " rows that only it held were removed"), console.toString());
        Path fresh = dir.resolve("fresh");
        Pipelines.ingestDir(src, fresh);
        assertEquals(Pipelines.dbRows(fresh), Pipelines.dbRows(out));
        assertEquals(Pipelines.csvTree(fresh), Pipelines.csvTree(out));
    }

    @Test
    void aFullRebuildOfEveryPropertyCountsTheRowsOfGoneFilesToo() throws Exception {
        Path src = dir.resolve("src");
        Pipelines.copyTree(bucket, src);
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);
        int before = Pipelines.dbRows(out).size();
        try (Stream<Path> walk = Files.walk(src.resolve("export/wait_times/dlr"))) {
            Files.delete(walk.filter(Files::isRegularFile).sorted().findFirst().orElseThrow());
        }
        StringWriter console = new StringWriter();
        Pipelines.ingest(Pipelines.options(src.toString(), null, out, true), console);
        int removed = before - Pipelines.dbRows(out).size();
        assertTrue(console.toString().contains("Full rebuild of dlr: 1 loaded file is no longer in the source, so "
                + removed + " rows that only it held were removed"), console.toString());
    }
}
