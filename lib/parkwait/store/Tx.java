package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Explicit transactions on an auto-commit connection, and the fencing check (DESIGN 3.4).
 * BEGIN IMMEDIATE takes the write lock at the start, so nothing can change
 * {@code meta.highest_token} between the check and the commit.
 */
final class Tx {
    private static final String BEGIN = "BEGIN IMMEDIATE";
    private static final String COMMIT = "COMMIT";
    private static final String ROLLBACK = "ROLLBACK";
    private static final String HIGHEST_TOKEN = "SELECT value FROM meta WHERE key = 'highest_token'";

    private Tx() {
    }

    static void begin(Connection conn) throws SQLException {
        execute(conn, BEGIN);
    }

    static void commit(Connection conn) throws SQLException {
        execute(conn, COMMIT);
    }

    /** Rolls back if a transaction is open; never throws (it runs on error paths). */
    static void rollbackQuietly(Connection conn, Throwable pending) {
        try {
            if (!conn.isClosed()) execute(conn, ROLLBACK);
        } catch (SQLException e) {
            // "no transaction is active": SQLite already rolled back (e.g. after SQLITE_FULL)
            if (pending != null) pending.addSuppressed(e);
        }
    }

    static long highestToken(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(HIGHEST_TOKEN); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Throws FencedException if a newer token than {@code token} is recorded; call inside a transaction. */
    static void checkFence(Connection conn, long token) throws SQLException {
        long highest = highestToken(conn);
        if (highest > token) throw new FencedException(token, highest);
    }

    private static void execute(Connection conn, String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.execute();
        }
    }
}
