package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Set;

/**
 * Which files hold each row, exactly (issue 13): a row's first file is its owner
 * ({@code wait_times.file_id}); every other file that also holds it is a row of
 * {@code row_holders}, so the extra table only grows with rows present in more than one file.
 * {@code shared} is 1 while such holders exist, and 2 for rows shared before holders were kept
 * (their other files are unknown, so they are never removed by a reload, as before).
 *
 * <p>When a file stops holding rows (a new version lacks them, or the file is gone), its holder
 * entries go; a row it owned passes to another holder, and only a row no file holds is deleted.
 * So an incremental history equals a full rebuild of the same sources.
 */
final class Holders {
    private static final String PK = "entity_code, observed_at, wait_time_type, wait_time_minutes";
    static final String ADD = "INSERT OR IGNORE INTO row_holders (" + PK + ", file_id) SELECT " + PK + ", ? FROM wait_times"
            + " WHERE entity_code = ? AND observed_at = ? AND wait_time_type = ? AND wait_time_minutes = ? AND file_id IS NOT ?";
    static final String HOLDS_ANY = "SELECT 1 FROM wait_times WHERE file_id = ?1 UNION ALL SELECT 1 FROM row_holders WHERE file_id = ?1 LIMIT 1";
    private static final String AFFECTED = """
            CREATE TEMP TABLE IF NOT EXISTS affected_rows (
                entity_code TEXT, observed_at TEXT, wait_time_type TEXT, wait_time_minutes INTEGER,
                PRIMARY KEY (entity_code, observed_at, wait_time_type, wait_time_minutes)
            ) WITHOUT ROWID""";

    private Holders() {
    }

    /** "the row of {@code t} is not in the new version" (always true when there is no new version). */
    private static String dropped(String t, boolean reload) {
        if (!reload) return "1";
        return "NOT EXISTS (SELECT 1 FROM temp.reloaded_rows s WHERE s.entity_code = " + t + ".entity_code AND s.observed_at = "
                + t + ".observed_at AND s.wait_time_type = " + t + ".wait_time_type AND s.wait_time_minutes = "
                + t + ".wait_time_minutes)";
    }

    private static String holders(String t) {
        return "EXISTS (SELECT 1 FROM row_holders h WHERE h.entity_code = " + t + ".entity_code AND h.observed_at = "
                + t + ".observed_at AND h.wait_time_type = " + t + ".wait_time_type AND h.wait_time_minutes = "
                + t + ".wait_time_minutes)";
    }

    /**
     * File {@code fileId} no longer holds the rows missing from its new version (temp.reloaded_rows,
     * when {@code reload}), or any row at all. Adds the partitions of deleted rows to {@code changed};
     * returns how many rows were deleted.
     */
    static long drop(Connection conn, long fileId, boolean reload, Set<Partition> changed) throws SQLException {
        run(conn, AFFECTED);
        run(conn, "DELETE FROM temp.affected_rows");
        // Its holder entries for rows it lacks now; those rows may stop being shared.
        run(conn, "INSERT OR IGNORE INTO temp.affected_rows SELECT " + PK + " FROM row_holders WHERE file_id = ?1 AND "
                + dropped("row_holders", reload), fileId);
        run(conn, "DELETE FROM row_holders WHERE file_id = ?1 AND " + dropped("row_holders", reload), fileId);
        // Rows it owned that no other file holds go (legacy shared rows, 2, stay: their holders are unknown).
        String gone = "FROM wait_times WHERE file_id = ?1 AND shared = 0 AND " + dropped("wait_times", reload);
        try (PreparedStatement ps = conn.prepareStatement("SELECT DISTINCT park, park_date " + gone)) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) changed.add(new Partition(rs.getString(1), LocalDate.parse(rs.getString(2))));
            }
        }
        long removed = run(conn, "DELETE " + gone, fileId);
        // Rows it owned that another file holds pass to that file (the lowest id: any choice is exact).
        String pass = "file_id = ?1 AND shared = 1 AND " + dropped("wait_times", reload) + " AND " + holders("wait_times");
        run(conn, "INSERT OR IGNORE INTO temp.affected_rows SELECT " + PK + " FROM wait_times WHERE " + pass, fileId);
        run(conn, "UPDATE wait_times SET file_id = (SELECT min(h.file_id) FROM row_holders h WHERE h.entity_code ="
                + " wait_times.entity_code AND h.observed_at = wait_times.observed_at AND h.wait_time_type ="
                + " wait_times.wait_time_type AND h.wait_time_minutes = wait_times.wait_time_minutes) WHERE " + pass, fileId);
        String inAffected = "(" + PK + ") IN (SELECT " + PK + " FROM temp.affected_rows)";
        run(conn, "DELETE FROM row_holders WHERE " + inAffected + " AND file_id = (SELECT w.file_id FROM wait_times w"
                + " WHERE w.entity_code = row_holders.entity_code AND w.observed_at = row_holders.observed_at"
                + " AND w.wait_time_type = row_holders.wait_time_type AND w.wait_time_minutes = row_holders.wait_time_minutes)");
        run(conn, "UPDATE wait_times SET shared = 0 WHERE shared = 1 AND " + inAffected + " AND NOT " + holders("wait_times"));
        run(conn, "DELETE FROM temp.affected_rows");
        return removed;
    }

    private static long run(Connection conn, String sql, long... args) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setLong(i + 1, args[i]);
            return ps.executeUpdate();
        }
    }
}
