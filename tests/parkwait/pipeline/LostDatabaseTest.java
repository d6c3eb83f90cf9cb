package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.cli.UserException;
import parkwait.gen.Generator;
import parkwait.gen.Spec;

/** The database deleted or moved while this program's own outputs stay: never imported as the predecessor's. */
class LostDatabaseTest {
    @TempDir static Path shared;
    static Path bucket;

    @BeforeAll
    static void generate() throws Exception {
        bucket = shared.resolve("bucket");
        Generator.writeBucket(bucket, Spec.of(19, 12, 6_000));
    }

    @TempDir Path dir;

    @Test
    void databaseAndCsvsDeletedButStateJsonKeptStopsWithWhatToDo() throws Exception {
        Path out = dir.resolve("out");
        Pipelines.ingestDir(bucket, out);
        Files.delete(out.resolve("state/wait_times.sqlite"));
        deleteTree(out.resolve("fact_tables"));

        UserException e = assertThrows(UserException.class, () -> Pipelines.ingestDir(bucket, out));
        assertTrue(e.getMessage().contains("The database " + out.resolve("state/wait_times.sqlite") + " is missing")
                && e.getMessage().contains("--full-rebuild"), e.getMessage());
        assertEquals(1, e.exitCode());
    }

    @Test
    void databaseDeletedButCsvsKeptStopsAndAFullRebuildThenEqualsAFreshRun() throws Exception {
        Path src = dir.resolve("src");
        Pipelines.copyTree(bucket, src);
        Path out = dir.resolve("out");
        Pipelines.ingestDir(src, out);
        Files.delete(out.resolve("state/wait_times.sqlite"));
        // A correction at the source meanwhile: the old CSVs must not keep the old values beside the new.
        Path changed = src.resolve("export/fastpass_times/wdw/current_fastpass.csv");
        var lines = Files.readAllLines(changed);
        StringBuilder b = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) b.append(IngestTest.laterReturn(lines.get(i))).append('\n');
        Files.writeString(changed, b);

        assertThrows(UserException.class, () -> Pipelines.ingestDir(src, out));
        Pipelines.ingest(Pipelines.options(src.toString(), null, out, true), null);

        Path fresh = dir.resolve("fresh");
        Pipelines.ingestDir(src, fresh);
        assertEquals(Pipelines.dbRows(fresh), Pipelines.dbRows(out));
        assertEquals(Pipelines.csvTree(fresh), Pipelines.csvTree(out));
    }

    static void deleteTree(Path root) throws java.io.IOException {
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
