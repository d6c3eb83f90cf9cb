package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import parkwait.parse.Reject;
import parkwait.parse.RejectedRecord;

/**
 * The SQL of table {@code rejected_rows}: the rejected records kept per file (at most
 * ParseStats.KEPT_PER_REASON per reason), replaced whenever the file is loaded again.
 */
public final class RejectedRows {
    private static final String DELETE_FILE = "DELETE FROM rejected_rows WHERE file_id = ?";
    private static final String DELETE_ALL = "DELETE FROM rejected_rows";
    private static final String INSERT = "INSERT INTO rejected_rows (file_id, line, reason, raw_text) VALUES (?, ?, ?, ?)";
    private static final String SELECT = """
            SELECT f.key, r.line, r.reason, r.raw_text
              FROM rejected_rows r JOIN source_files f ON f.file_id = r.file_id""";
    private static final String ORDER = " ORDER BY f.key, r.line, r.rowid";
    private static final String ALL = SELECT + ORDER;
    private static final String OF_KEY = SELECT + " WHERE f.key = ?" + ORDER;
    private static final String KNOWN = "SELECT 1 FROM source_files WHERE key = ? AND status <> 'loading'";
    private static final String HAS_TABLE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rejected_rows'";

    private RejectedRows() {
    }

    /** Replaces the file's kept rejects by {@code kept}; inside the file's load transaction. */
    static void replace(Connection conn, long fileId, List<RejectedRecord> kept) throws SQLException {
        try (PreparedStatement delete = conn.prepareStatement(DELETE_FILE)) {
            delete.setLong(1, fileId);
            delete.executeUpdate();
        }
        if (kept.isEmpty()) return;
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            for (RejectedRecord r : kept) {
                ps.setLong(1, fileId);
                ps.setLong(2, r.line());
                ps.setString(3, r.reason().name());
                ps.setString(4, r.text());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** For a full rebuild: every file is forgotten, so are its rejects. */
    static void forgetAll(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(DELETE_ALL)) {
            ps.executeUpdate();
        }
    }

    /** Streams the kept rejects, by key then line; {@code key} null for every file. */
    static void forEach(Connection conn, String key, Consumer<RejectedRow> sink) throws SQLException {
        if (!hasTable(conn)) return;   // a database of version 1, read by status before any ingest migrated it
        try (PreparedStatement ps = conn.prepareStatement(key == null ? ALL : OF_KEY)) {
            if (key != null) ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Reject reason;
                    try {
                        reason = Reject.valueOf(rs.getString(3));
                    } catch (IllegalArgumentException newerVersion) {
                        continue; // a reason this version does not know
                    }
                    sink.accept(new RejectedRow(rs.getString(1), rs.getLong(2), reason, rs.getString(4)));
                }
            }
        }
    }

    /**
     * What status.java --rejects shows: the files with rejects (all of them, or the one asked for)
     * and their kept records, by key then line, at most {@code limit} records.
     *
     * @param known     false when a key was asked for that the database does not know
     * @param truncated true when {@code limit} cut the records
     */
    public record View(boolean known, List<StoreStats.FileRejects> files, List<RejectedRow> rows, boolean truncated) {
    }

    /**
     * Reads a {@link View} read-only in one transaction; empty if there is no database.
     *
     * @param key null for every file
     */
    public static Optional<View> read(Path dbFile, String key, int limit, Duration busyTimeout) {
        return StoreStats.readOnly(dbFile, busyTimeout, (conn, file, size) -> {
            List<StoreStats.FileRejects> files = StoreStats.rejectedByFile(conn).stream()
                    .filter(f -> key == null || f.key().equals(key)).toList();
            List<RejectedRow> rows = new ArrayList<>();
            boolean[] truncated = {false};
            forEach(conn, key, r -> {
                if (rows.size() < limit) rows.add(r);
                else truncated[0] = true;
            });
            return new View(key == null || isKnown(conn, key), files, rows, truncated[0]);
        });
    }

    private static boolean isKnown(Connection conn, String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(KNOWN)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean hasTable(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(HAS_TABLE); ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }
}
