package parkwait.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import parkwait.io.AtomicFiles;
import parkwait.store.SourceFileRecord;

/**
 * {@code state/processed_files.json} and {@code state/failed_files.json}: exports of the database's
 * {@code source_files}, in the predecessor's shape (an object keyed by S3 key), for people and
 * tools that read them. The database stays the source of truth; these are rewritten atomically.
 */
public final class StateExports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private StateExports() {
    }

    public static void write(Path stateDir, Collection<SourceFileRecord> files) throws IOException {
        Map<String, Object> processed = new LinkedHashMap<>();
        Map<String, Object> failed = new LinkedHashMap<>();
        files.stream().sorted(java.util.Comparator.comparing(SourceFileRecord::key)).forEach(f -> {
            if (f.etag() != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("etag", f.etag());
                m.put("size", f.size());
                m.put("last_modified", String.valueOf(f.lastModified()));
                m.put("processed_at", String.valueOf(f.loadedAt()));
                m.put("rows_seen", f.rowsSeen());
                m.put("rows_new", f.rowsNew());
                m.put("rows_rejected", f.rowsRejected());
                processed.put(f.key(), m);
            }
            if (f.status() == SourceFileRecord.Status.FAILED) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("error", f.lastError());
                m.put("failures", f.failureCount());
                m.put("last_attempt", String.valueOf(f.failedAt()));
                failed.put(f.key(), m);
            }
        });
        AtomicFiles.write(stateDir.resolve("processed_files.json"), JSON.writeValueAsBytes(processed));
        AtomicFiles.write(stateDir.resolve("failed_files.json"), JSON.writeValueAsBytes(failed));
    }
}
