package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.LinkedHashMap;
import parkwait.source.SourceObject;

/** The SQL of table {@code source_files}; called by Store inside its transactions. */
final class SourceFiles {
    // 'loading' only ever exists inside an open transaction: FileLoad.commit overwrites it.
    private static final String ENSURE = "INSERT INTO source_files (key, status) VALUES (?, 'loading') ON CONFLICT (key) DO NOTHING";
    private static final String FILE_ID = "SELECT file_id FROM source_files WHERE key = ?";
    private static final String RECORD_FAILURE = """
            INSERT INTO source_files (key, status, failure_count, last_error, run_id, failed_at)
            VALUES (?, 'failed', 1, ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET status = 'failed', failure_count = failure_count + 1,
                   last_error = excluded.last_error, run_id = excluded.run_id, failed_at = excluded.failed_at""";
    private static final String ALL = """
            SELECT file_id, key, etag, size, last_modified, status, rows_seen, rows_new, rows_duplicate,
                   rows_rejected, rejects_json, failure_count, last_error, run_id, loaded_at, failed_at
              FROM source_files WHERE status <> 'loading' ORDER BY key""";

    private SourceFiles() {
    }

    /** The key's file id; a new (uncommitted) row if the key is unknown. */
    static long fileId(Connection conn, String key) throws SQLException {
        try (PreparedStatement ensure = conn.prepareStatement(ENSURE)) {
            ensure.setString(1, key);
            ensure.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement(FILE_ID)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void recordFailure(Connection conn, SourceObject obj, String runId, String error, Instant now)
            throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(RECORD_FAILURE)) {
            ps.setString(1, obj.key());
            ps.setString(2, error);
            ps.setString(3, runId);
            ps.setString(4, now.toString());
            ps.executeUpdate();
        }
    }

    static Map<String, SourceFileRecord> all(Connection conn) throws SQLException {
        // ORDER BY key compares UTF-8 bytes, i.e. code points (DESIGN 4.5); keep that order.
        Map<String, SourceFileRecord> files = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(ALL); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long size = rs.getLong(4);
                Long sizeOrNull = rs.wasNull() ? null : size;
                SourceFileRecord r = new SourceFileRecord(rs.getLong(1), rs.getString(2), rs.getString(3),
                        sizeOrNull, instant(rs.getString(5)),
                        "loaded".equals(rs.getString(6)) ? SourceFileRecord.Status.LOADED : SourceFileRecord.Status.FAILED,
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), RejectsJson.read(rs.getString(11)),
                        rs.getInt(12), rs.getString(13), rs.getString(14), instant(rs.getString(15)),
                        instant(rs.getString(16)));
                files.put(r.key(), r);
            }
        }
        return files;
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }
}
