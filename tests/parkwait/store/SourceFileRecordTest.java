package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parkwait.source.SourceObject;

/** When a listed object counts as already loaded (DESIGN 4.1), for our records and imported ones (4.7). */
class SourceFileRecordTest {
    static final Instant T = Instant.parse("2024-01-15T10:30:00Z");
    static final SourceObject LISTED = new SourceObject("export/wait_times/wdw/a.csv", "e1", 100, T);

    static SourceFileRecord record(String etag, Long size, Instant modified, String runId) {
        return new SourceFileRecord(1, LISTED.key(), etag, size, modified, SourceFileRecord.Status.LOADED, 0, 0, 0, 0,
                Map.of(), 0, null, runId, T, null);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "ours, all equal                 | e1 | 100 | 2024-01-15T10:30:00Z | run1               | true",
            "ours, other etag                | e2 | 100 | 2024-01-15T10:30:00Z | run1               | false",
            "ours, other size                | e1 | 101 | 2024-01-15T10:30:00Z | run1               | false",
            "ours, other date                | e1 | 100 | 2024-01-16T10:30:00Z | run1               | false",
            "ours, no size is never loaded   | e1 | -   | 2024-01-15T10:30:00Z | run1               | false",
            "ours, no date never matches     | e1 | 100 | -                    | run1               | false",
            "imported, all equal             | e1 | 100 | 2024-01-15T10:30:00Z | predecessor-import | true",
            "imported, other etag            | e2 | 100 | 2024-01-15T10:30:00Z | predecessor-import | false",
            "imported, etag only             | e1 | -   | -                    | predecessor-import | true",
            "imported, etag and size         | e1 | 100 | -                    | predecessor-import | true",
            "imported, etag and other size   | e1 | 99  | -                    | predecessor-import | false",
            "imported, other date            | e1 | -   | 2024-01-16T10:30:00Z | predecessor-import | false",
            "imported, bare key              | -  | -   | -                    | predecessor-import | true",
    })
    void comparesWhatWasRecorded(String name, String etag, Long size, String modified, String runId, boolean loaded) {
        SourceFileRecord r = record(etag, size, modified == null ? null : Instant.parse(modified), runId);
        assertEquals(loaded, r.isLoaded(LISTED), name);
    }
}
