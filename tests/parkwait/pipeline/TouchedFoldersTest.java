package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
