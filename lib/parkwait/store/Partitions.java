package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import parkwait.parse.FactRow;
import parkwait.parse.WaitType;

/** The SQL of partitions: dirty marks and the rows of one partition; called by Store. */
final class Partitions {
    private static final String DIRTY = "SELECT park, park_date FROM dirty_partitions ORDER BY park, park_date";
    private static final String ALL = "SELECT DISTINCT park, park_date FROM wait_times ORDER BY park, park_date";
    // One primary-key range per entity of the park. observed_at is the property's local time, and
    // a park date is its local date or the day before (DESIGN 4.3), so the rows of park date D lie
    // within local dates D and D+1; park and park_date then select them exactly.
    private static final String WHERE_PARTITION = """
             WHERE entity_code IN (SELECT entity_code FROM entities WHERE park = ?)
               AND observed_at >= ? AND observed_at < ?
               AND park = ? AND park_date = ?""";
    // DESIGN 4.5 order: by instant, then entity_code and type by code point (BINARY collation
    // compares UTF-8 bytes, which is code-point order), then minutes as numbers.
    private static final String ORDER = "observed_epoch, entity_code, wait_time_type, wait_time_minutes";
    private static final String ROWS = "SELECT entity_code, observed_at, wait_time_type, wait_time_minutes, observed_epoch"
            + " FROM wait_times " + WHERE_PARTITION + " ORDER BY " + ORDER;
    // The same rows and order as ROWS, as the CSV body in one value: one call into SQLite per file
    // instead of five per row. Fields need no quoting (codes are validated, the rest generated);
    // SQLite writes integers as Java does, so the bytes equal a row-by-row rendering.
    private static final String CSV_BODY = "SELECT group_concat(entity_code || ',' || observed_at || ',' || wait_time_type"
            + " || ',' || wait_time_minutes || char(10), '' ORDER BY " + ORDER + ") FROM wait_times " + WHERE_PARTITION;
    private static final String HAS_ROWS = "SELECT 1 FROM wait_times " + WHERE_PARTITION + " LIMIT 1";
    private static final String ADD_FILE = "INSERT OR IGNORE INTO partition_files (park, park_date) VALUES (?, ?)";
    private static final String DROP_FILE = "DELETE FROM partition_files WHERE park = ? AND park_date = ?";
    private static final String WITH_FILES = "SELECT park, park_date FROM partition_files ORDER BY park, park_date";
    private static final String MARK_DIRTY = "INSERT OR IGNORE INTO dirty_partitions (park, park_date) VALUES (?, ?)";
    private static final String CLEAR_DIRTY = "DELETE FROM dirty_partitions WHERE park = ? AND park_date = ?";
    private static final String MARK_ALL_DIRTY = "INSERT OR IGNORE INTO dirty_partitions (park, park_date) " + ALL;
    private static final String FORGET_ROWS = "DELETE FROM wait_times";
    private static final String FORGET_FILES = "DELETE FROM source_files";
    private static final String FORGET_ENTITIES = "DELETE FROM entities";
    private static final String FORGET_HOLDERS = "DELETE FROM row_holders";

    private Partitions() {
    }

    static List<Partition> dirty(Connection conn) throws SQLException {
        return list(conn, DIRTY);
    }

    static List<Partition> all(Connection conn) throws SQLException {
        return list(conn, ALL);
    }

    static long forEachRow(Connection conn, Partition p, Consumer<FactRow> sink) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = conn.prepareStatement(ROWS)) {
            bind(ps, p);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(new FactRow(rs.getString(1), rs.getString(2), WaitType.valueOf(rs.getString(3)),
                            rs.getInt(4), p.park(), p.date(), rs.getLong(5)));
                    n++;
                }
            }
        }
        return n;
    }

    /** Binds the parameters of {@link #WHERE_PARTITION}. */
    private static void bind(PreparedStatement ps, Partition p) throws SQLException {
        ps.setString(1, p.park());
        ps.setString(2, p.date().toString());
        ps.setString(3, p.date().plusDays(2).toString());
        ps.setString(4, p.park());
        ps.setString(5, p.date().toString());
    }

    /** The partition's CSV lines as UTF-8, each ending in a newline, or null when it has no rows. */
    static byte[] csvBody(Connection conn, Partition p) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(CSV_BODY)) {
            bind(ps, p);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** Clears the marks of partitions just written, and records which of them now have a CSV file. */
    static int clearDirty(Connection conn, java.util.Collection<Partition> partitions) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = conn.prepareStatement(CLEAR_DIRTY);
             PreparedStatement has = conn.prepareStatement(HAS_ROWS);
             PreparedStatement add = conn.prepareStatement(ADD_FILE);
             PreparedStatement drop = conn.prepareStatement(DROP_FILE)) {
            for (Partition p : partitions) {
                ps.setString(1, p.park());
                ps.setString(2, p.date().toString());
                n += ps.executeUpdate();
                bind(has, p);
                boolean rows;
                try (ResultSet rs = has.executeQuery()) {
                    rows = rs.next();
                }
                PreparedStatement file = rows ? add : drop; // the writer wrote its CSV, or removed it
                file.setString(1, p.park());
                file.setString(2, p.date().toString());
                file.executeUpdate();
            }
        }
        return n;
    }

    /** The partitions whose CSV file this program has written and not removed. */
    static List<Partition> withFiles(Connection conn) throws SQLException {
        return list(conn, WITH_FILES);
    }

    /** Marks these partitions dirty (their CSV is missing or differs from the database). */
    static void markDirty(Connection conn, java.util.Collection<Partition> partitions) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(MARK_DIRTY)) {
            for (Partition p : partitions) {
                ps.setString(1, p.park());
                ps.setString(2, p.date().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    static int markAllDirty(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(MARK_ALL_DIRTY)) {
            return ps.executeUpdate();
        }
    }

    /** Full rebuild: every partition with rows becomes dirty, then all rows and file records go. */
    static void forgetAllFiles(Connection conn) throws SQLException {
        markAllDirty(conn);
        for (String sql : List.of(FORGET_ROWS, FORGET_FILES, FORGET_ENTITIES, FORGET_HOLDERS)) {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.executeUpdate();
            }
        }
        RejectedRows.forgetAll(conn);
    }

    private static List<Partition> list(Connection conn, String sql) throws SQLException {
        List<Partition> list = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) list.add(new Partition(rs.getString(1), LocalDate.parse(rs.getString(2))));
        }
        return list;
    }
}
