package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SQL of a rebuild limited to some properties (issue 13): only their files are touched; called by Store. */
final class Rebuilds {
    private static final String ONLY_IN = """
            SELECT count(*) FROM wait_times
             WHERE file_id = (SELECT file_id FROM source_files WHERE key = ?) AND shared = 0""";
    // Read again as changed: FileLoad's reload then replaces exactly what the file contributed.
    private static final String FORGET_VERSION = "UPDATE source_files SET etag = NULL, size = NULL, last_modified = NULL WHERE key = ?";
    private static final String DELETE_GONE_FILE = "DELETE FROM source_files WHERE key = ?";

    private Rebuilds() {
    }

    /** Per key, how many rows no other file holds (they go when the key is gone from the source). */
    static Map<String, Long> rowsOnlyIn(Connection conn, Collection<String> keys) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (PreparedStatement ps = conn.prepareStatement(ONLY_IN)) {
            for (String key : keys) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    counts.put(key, rs.next() ? rs.getLong(1) : 0L);
                }
            }
        }
        return counts;
    }

    /** Marks {@code reload} to be read again, and removes {@code gone} with the rows only they held. */
    static void forget(Connection conn, Collection<String> reload, Collection<String> gone) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(FORGET_VERSION)) {
            for (String key : reload) {
                ps.setString(1, key);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        java.util.Set<Partition> changed = new java.util.HashSet<>();
        try (PreparedStatement id = conn.prepareStatement("SELECT file_id FROM source_files WHERE key = ?");
             PreparedStatement delete = conn.prepareStatement(DELETE_GONE_FILE)) {
            for (String key : gone) {
                id.setString(1, key);
                try (ResultSet rs = id.executeQuery()) {
                    if (rs.next()) Holders.drop(conn, rs.getLong(1), false, changed); // it holds no row any more
                }
                delete.setString(1, key);
                delete.executeUpdate();
            }
        }
        Partitions.markDirty(conn, changed);
    }
}
