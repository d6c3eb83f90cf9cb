package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The SQL of table {@code runs}; called by Store inside its transactions. */
final class RunLog {
    private static final String COLUMNS = "run_id, started_at, ended_at, host, pid, token, outcome, exit_code,"
            + " files_new, files_skipped, files_failed, rows_seen, rows_new, rows_duplicate, rows_rejected,"
            + " rejects_json, partitions_written";
    private static final String INSERT = "INSERT INTO runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = """
            UPDATE runs SET started_at = ?, ended_at = ?, host = ?, pid = ?, token = ?, outcome = ?, exit_code = ?,
                   files_new = ?, files_skipped = ?, files_failed = ?, rows_seen = ?, rows_new = ?,
                   rows_duplicate = ?, rows_rejected = ?, rejects_json = ?, partitions_written = ?
             WHERE run_id = ?""";
    private static final String LAST = "SELECT " + COLUMNS + " FROM runs ORDER BY started_at DESC, rowid DESC LIMIT ?";

    private RunLog() {
    }

    static void insert(Connection conn, RunRecord run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(INSERT)) {
            ps.setString(1, run.runId());
            bind(ps, 2, run);
            ps.executeUpdate();
        }
    }

    /** Returns false if no run has this id. */
    static boolean update(Connection conn, RunRecord run) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(UPDATE)) {
            bind(ps, 1, run);
            ps.setString(17, run.runId());
            return ps.executeUpdate() == 1;
        }
    }

    static List<RunRecord> last(Connection conn, int n) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(LAST)) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) runs.add(read(rs));
            }
        }
        return runs;
    }

    /** Binds every column but run_id, from index {@code i}. */
    private static void bind(PreparedStatement ps, int i, RunRecord run) throws SQLException {
        ps.setString(i, run.startedAt().toString());
        ps.setString(i + 1, run.endedAt() == null ? null : run.endedAt().toString());
        ps.setString(i + 2, run.host());
        ps.setLong(i + 3, run.pid());
        ps.setLong(i + 4, run.token());
        ps.setString(i + 5, run.outcome());
        if (run.exitCode() == null) ps.setNull(i + 6, Types.INTEGER); else ps.setInt(i + 6, run.exitCode());
        ps.setLong(i + 7, run.filesNew());
        ps.setLong(i + 8, run.filesSkipped());
        ps.setLong(i + 9, run.filesFailed());
        ps.setLong(i + 10, run.rowsSeen());
        ps.setLong(i + 11, run.rowsNew());
        ps.setLong(i + 12, run.rowsDuplicate());
        ps.setLong(i + 13, run.rowsRejected());
        ps.setString(i + 14, RejectsJson.write(run.rejects()));
        ps.setLong(i + 15, run.partitionsWritten());
    }

    private static RunRecord read(ResultSet rs) throws SQLException {
        String ended = rs.getString(3);
        int exit = rs.getInt(8);
        Integer exitCode = rs.wasNull() ? null : exit;
        return new RunRecord(rs.getString(1), Instant.parse(rs.getString(2)),
                ended == null ? null : Instant.parse(ended), rs.getString(4), rs.getLong(5), rs.getLong(6),
                rs.getString(7), exitCode, rs.getLong(9), rs.getLong(10), rs.getLong(11), rs.getLong(12),
                rs.getLong(13), rs.getLong(14), rs.getLong(15), RejectsJson.read(rs.getString(16)), rs.getLong(17));
    }
}
