package parkwait.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * The SQL of moving over from the predecessor (DESIGN 4.7): its processed-files list, the marker
 * in {@code meta} that the import is done, and reading its {@code dedupe.sqlite}. The rows
 * themselves are loaded through {@link FileLoad} under pseudo keys, so that they have an owner.
 */
public final class Imports {
    /** meta key whose value is the instant the predecessor's output was imported (or found absent). */
    static final String IMPORTED_KEY = "predecessor_imported";
    /** Its value while a part of the import could not be read: the import runs again. */
    public static final String PENDING = "pending";

    private static final String READ_META = "SELECT value FROM meta WHERE key = ?";
    private static final String WRITE_META = "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    private static final String OWN_LOADS = "SELECT 1 FROM source_files WHERE status <> 'loading' AND run_id IS NOT ? LIMIT 1";
    // A key we already know keeps what we recorded: our own record is better evidence than the predecessor's.
    private static final String ADD_PROCESSED = """
            INSERT INTO source_files (key, etag, size, last_modified, status, run_id, loaded_at)
            VALUES (?, ?, ?, ?, 'loaded', ?, ?)
            ON CONFLICT (key) DO NOTHING""";
    private static final String MARK_DIRTY = "INSERT OR IGNORE INTO dirty_partitions (park, park_date) VALUES (?, ?)";
    private static final String DEDUPE_KEYS = "SELECT entity_code, observed_at, wait_time_type, wait_time_minutes FROM dedupe_keys";

    private Imports() {
    }

    /** One row of the predecessor's {@code dedupe_keys}, each column as text (null if NULL). */
    @FunctionalInterface
    public interface KeySink {
        void accept(String entityCode, String observedAt, String waitTimeType, String waitTimeMinutes);
    }

    /**
     * Reads every row of table {@code dedupe_keys} of the predecessor's database, opened read-only
     * (it is never changed). Returns how many rows there were.
     *
     * @throws IOException if the file is not an SQLite database with that table
     */
    public static long readDedupeKeys(Path file, KeySink sink) throws java.io.IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        long n = 0;
        try (Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
             PreparedStatement ps = c.prepareStatement(DEDUPE_KEYS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                sink.accept(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
                n++;
            }
            return n;
        } catch (SQLException e) {
            throw new java.io.IOException("Could not read table dedupe_keys of the predecessor's database " + file + ": "
                    + e.getMessage() + ". Check that it is the predecessor's state/dedupe.sqlite.", e);
        }
    }

    static String meta(Connection conn, String key) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(READ_META)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void setMeta(Connection conn, String key, String value) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(WRITE_META)) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }

    /** True when some key was loaded or failed by this program rather than imported. */
    static boolean hasOwnLoads(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(OWN_LOADS)) {
            ps.setString(1, SourceFileRecord.IMPORTED_RUN_ID);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Records the keys as loaded by the predecessor; returns how many were new to the database. */
    static int addProcessed(Connection conn, List<ImportedFile> files, Instant now) throws SQLException {
        int added = 0;
        try (PreparedStatement ps = conn.prepareStatement(ADD_PROCESSED)) {
            for (ImportedFile f : files) {
                ps.setString(1, f.key());
                ps.setString(2, f.etag());
                if (f.size() == null) ps.setNull(3, java.sql.Types.INTEGER);
                else ps.setLong(3, f.size());
                ps.setString(4, f.lastModified() == null ? null : f.lastModified().toString());
                ps.setString(5, SourceFileRecord.IMPORTED_RUN_ID);
                ps.setString(6, (f.processedAt() != null ? f.processedAt() : now).toString());
                added += ps.executeUpdate();
            }
        }
        return added;
    }

    static void markDirty(Connection conn, Collection<Partition> partitions) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(MARK_DIRTY)) {
            for (Partition p : partitions) {
                ps.setString(1, p.park());
                ps.setString(2, p.date().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
