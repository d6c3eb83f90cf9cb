package parkwait.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.store.ImportedFile;

/** The predecessor's processed_files.json in the shapes it may have (DESIGN 4.7). */
class ProcessedFilesJsonTest {
    @TempDir Path dir;

    List<ImportedFile> read(String json, int expectSkipped) throws Exception {
        Path f = dir.resolve("processed_files.json");
        Files.writeString(f, json);
        int[] skipped = {0};
        List<ImportedFile> files = ProcessedFilesJson.read(f, skipped);
        assertEquals(expectSkipped, skipped[0]);
        return files;
    }

    @Test
    void objectKeyedByKeyInAnyCase() throws Exception {
        assertEquals(List.of(
                new ImportedFile("a.csv", "abc", 10L, Instant.parse("2024-01-15T10:30:00Z"), Instant.parse("2024-02-01T05:00:00Z")),
                new ImportedFile("b.csv", "def", 20L, Instant.parse("2024-01-15T10:30:00Z"), null),
                new ImportedFile("c.csv", "ghi", null, Instant.parse("2024-01-15T10:30:00Z"), null),
                new ImportedFile("d.csv", null, null, null, null)),
                read("""
                        {"a.csv": {"etag": "abc", "size": 10, "last_modified": "2024-01-15 10:30:00+00:00", "processed_at": "2024-02-01T05:00:00"},
                         "b.csv": {"ETag": "\\"def\\"", "Size": "20", "LastModified": "Mon, 15 Jan 2024 10:30:00 GMT"},
                         "c.csv": {"e_tag": "ghi", "lastModified": 1705314600},
                         "d.csv": true}""", 0));
    }

    @Test
    void listsOfKeysOrOfObjects() throws Exception {
        assertEquals(List.of(new ImportedFile("a.csv", null, null, null, null), new ImportedFile("b.csv", null, null, null, null)),
                read("[\"a.csv\", \"b.csv\", 7]", 1));
        assertEquals(List.of(new ImportedFile("a.csv", "x", 5L, Instant.parse("2024-01-15T10:30:00Z"), null)),
                read("[{\"Key\": \"a.csv\", \"ETag\": \"x\", \"Size\": 5, \"LastModified\": \"2024-01-15T10:30:00.000Z\"}, {\"ETag\": \"y\"}]", 1));
    }
}
