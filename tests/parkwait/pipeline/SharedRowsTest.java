package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.gen.Generator;
import parkwait.gen.Spec;

/** Rows present in two source files: an incremental history equals a full rebuild of the same sources, always. */
class SharedRowsTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(23, 12, 6_000).withNasty(false));
    }

    @TempDir Path dir;

    Path original(Path src) {
        return src.resolve("export/fastpass_times/wdw/current_fastpass.csv");
    }

    Path copy(Path src) {
        return src.resolve("export/fastpass_times/wdw/current_fastpass_copy.csv");
    }

    /** The source with a second file holding every row of the first. */
    Path sourceWithACopy() throws Exception {
        Path src = dir.resolve("src");
        Pipelines.copyTree(bucket, src);
        Files.copy(original(src), copy(src));
        return src;
    }

    static void correct(Path file, int secondsLater) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) b.append(IngestTest.laterReturn(lines.get(i))).append('\n');
        Files.writeString(file, b, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(secondsLater)));
    }

    void assertEqualsAFreshLoad(Path src, Path out) throws Exception {
        Path fresh = dir.resolve("fresh-" + System.nanoTime());
        Pipelines.ingestDir(src, fresh);
        assertEquals(Pipelines.dbRows(fresh), Pipelines.dbRows(out));
        assertEquals(Pipelines.csvTree(fresh), Pipelines.csvTree(out));
    }

    @Test
    void aRowCorrectedInBothFilesLosesItsOldValue() throws Exception {
        Path src = sourceWithACopy();
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);
        correct(original(src), 5);
        correct(copy(src), 6);
        RunSummary again = Pipelines.ingestDir(src, out);
        assertEquals(2, again.filesLoaded());
        assertEqualsAFreshLoad(src, out);
    }

    @Test
    void aRowCorrectedInOneFileStaysWhileTheOtherStillHoldsIt() throws Exception {
        Path src = sourceWithACopy();
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);
        correct(original(src), 5); // the owner's version changes; the copy still has the old rows
        Pipelines.ingestDir(src, out);
        assertEqualsAFreshLoad(src, out);
        correct(copy(src), 6); // now neither has them
        Pipelines.ingestDir(src, out);
        assertEqualsAFreshLoad(src, out);
    }

    @Test
    void aFileGoneFromTheSourceTakesOnlyTheRowsNoOtherFileHolds() throws Exception {
        Path src = sourceWithACopy();
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);
        correct(copy(src), 5);
        Pipelines.ingestDir(src, out);
        Files.delete(original(src)); // the owner of the old rows goes; the copy holds only the new ones
        Pipelines.ingest(RebuildTest.rebuildOf(src, out, List.of("wdw")), null);
        assertEqualsAFreshLoad(src, out);
        assertTrue(Pipelines.dbRows(out).size() > 0);
    }
}
