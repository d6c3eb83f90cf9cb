package parkwait.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;

/**
 * Read-only questions about a database, for status.java. Opens the file read-only (it never
 * writes, never creates the file or its folder) with a busy timeout, so it works while an
 * ingest is running: in rollback-journal mode a reader only waits for the instant of a commit.
 * All queries of one {@link #read} run in one read transaction, so the numbers agree.
 *
 * <p>Rows per park count the whole table, so {@link #read} costs one scan of {@code wait_times};
 * while it runs, an ingest's next commit waits for it (the ingest's busy timeout is 30 s).
 */
public final class StoreStats {
    private static final String FILE_NAME = "wait_times.sqlite";

    private static final String SCHEMA_VERSION = "SELECT value FROM meta WHERE key = 'schema_version'";
    private static final String FILES_BY_STATUS = """
            SELECT status, COUNT(*) FROM source_files WHERE status <> 'loading' GROUP BY status ORDER BY status""";
    private static final String FAILED_FILES = """
            SELECT key, failure_count, last_error, failed_at, loaded_at, run_id
              FROM source_files WHERE status = 'failed' ORDER BY key""";
    private static final String DIRTY_COUNT = "SELECT COUNT(*) FROM dirty_partitions";
    private static final String PARKS = """
            SELECT park, COUNT(*), MAX(park_date) FROM wait_times GROUP BY park ORDER BY park""";
    // The newest observation of a park lies on its newest park date; like Partitions.ROWS, read it
    // through the primary key, one range per entity (local dates D and D+1 hold park date D).
    private static final String NEWEST_OBSERVATION = """
            SELECT observed_at, observed_epoch
              FROM wait_times
             WHERE entity_code IN (SELECT entity_code FROM entities WHERE park = ?)
               AND observed_at >= ? AND observed_at < ?
               AND park = ? AND park_date = ?
             ORDER BY observed_epoch DESC LIMIT 1""";

    /** Everything status.java shows about the database, read in one transaction. */
    public record Snapshot(Path file, long sizeBytes, int schemaVersion, List<RunRecord> runs, long filesLoaded,
                           long filesFailed, List<FailedFile> failedFiles, long dirtyPartitions, List<ParkRows> parks) {
    }

    /**
     * A file whose last attempt failed.
     *
     * @param loadedAt when an earlier version last loaded (its rows stay), null if it never loaded
     */
    public record FailedFile(String key, int failureCount, String lastError, Instant failedAt, Instant loadedAt,
                             String runId) {
    }

    /**
     * The rows of one park.
     *
     * @param newestObservedAt the observed_at text of the newest row as loaded (property local time),
     *                         null if it could not be found on the newest park date
     * @param newestObserved   the instant of that row, null with it
     */
    public record ParkRows(String park, long rows, LocalDate newestParkDate, String newestObservedAt,
                           Instant newestObserved) {
    }

    private StoreStats() {
    }

    /** The database file of a state folder. */
    public static Path databaseFile(Path stateDir) {
        return stateDir.resolve(FILE_NAME);
    }

    /**
     * Reads the database read-only; empty if the file does not exist (nothing is created).
     *
     * @param runs        how many of the latest runs to return, newest first
     * @param busyTimeout how long to wait while a run commits
     * @throws StoreException if the file exists but cannot be read; the message says why and what to do
     */
    public static Optional<Snapshot> read(Path dbFile, int runs, Duration busyTimeout) {
        Path file = dbFile.toAbsolutePath();
        long size;
        try {
            if (!Files.isRegularFile(file)) {
                if (Files.exists(file)) throw new StoreException("The database path " + file + " is not a file."
                        + " Move it away, or choose another folder with --state-dir.");
                return Optional.empty();
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("Could not read the size of the database " + file + ": " + e.getMessage()
                    + ". Check that this user may read the state folder.", e);
        }
        NativeSqlite.load();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // no CREATE flag either: a missing file is an error, never a new database
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        try (Connection conn = config.createConnection("jdbc:sqlite:" + file)) {
            execute(conn, "BEGIN"); // deferred: a read transaction, never the write lock
            try {
                Snapshot s = snapshot(conn, file, size, runs);
                execute(conn, "COMMIT");
                return Optional.of(s);
            } catch (SQLException | RuntimeException e) {
                try {
                    execute(conn, "ROLLBACK");
                } catch (SQLException ignored) {
                    // nothing was written; closing the connection ends the transaction anyway
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(explain(file, e), e);
        }
    }

    private static Snapshot snapshot(Connection conn, Path file, long size, int runs) throws SQLException {
        int version = schemaVersion(conn);
        long loaded = 0;
        long failed = 0;
        try (PreparedStatement ps = conn.prepareStatement(FILES_BY_STATUS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if ("loaded".equals(rs.getString(1))) loaded += rs.getLong(2);
                else failed += rs.getLong(2);
            }
        }
        return new Snapshot(file, size, version, RunLog.last(conn, runs), loaded, failed, failedFiles(conn),
                count(conn, DIRTY_COUNT), parks(conn));
    }

    private static int schemaVersion(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(SCHEMA_VERSION); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static List<FailedFile> failedFiles(Connection conn) throws SQLException {
        List<FailedFile> list = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(FAILED_FILES); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                list.add(new FailedFile(rs.getString(1), rs.getInt(2), rs.getString(3), instant(rs.getString(4)),
                        instant(rs.getString(5)), rs.getString(6)));
            }
        }
        return list;
    }

    private static List<ParkRows> parks(Connection conn) throws SQLException {
        List<ParkRows> list = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(PARKS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String park = rs.getString(1);
                LocalDate newest = LocalDate.parse(rs.getString(3));
                list.add(newestObservation(conn, park, rs.getLong(2), newest));
            }
        }
        return list;
    }

    private static ParkRows newestObservation(Connection conn, String park, long rows, LocalDate date) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(NEWEST_OBSERVATION)) {
            ps.setString(1, park);
            ps.setString(2, date.toString());
            ps.setString(3, date.plusDays(2).toString());
            ps.setString(4, park);
            ps.setString(5, date.toString());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new ParkRows(park, rows, date, null, null);
                return new ParkRows(park, rows, date, rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)));
            }
        }
    }

    private static long count(Connection conn, String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void execute(Connection conn, String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            ps.execute();
        }
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /** One sentence for each way a read-only open can fail, with what to do. */
    private static String explain(Path file, SQLException e) {
        int code = e.getErrorCode();
        String msg = String.valueOf(e.getMessage());
        if (code == SQLiteErrorCode.SQLITE_BUSY.code || msg.contains("SQLITE_BUSY")) {
            return "The database " + file + " stayed busy (a run is committing, or another program holds it)."
                    + " Run status.java again in a moment.";
        }
        if (msg.contains("SQLITE_READONLY_ROLLBACK") || msg.contains("hot journal") || code == 776) {
            return "The database " + file + " has an unfinished transaction left by an interrupted run, which only"
                    + " a writer can roll back. The next ingest run repairs it; run ingest.java now to do it.";
        }
        if (code == SQLiteErrorCode.SQLITE_CORRUPT.code || msg.contains("SQLITE_CORRUPT")) {
            return "The database " + file + " is damaged (" + msg + "). " + DatabaseFaults.RESTORE;
        }
        if (msg.contains("no such table") || msg.contains("SQLITE_NOTADB") || msg.contains("not a database")) {
            return "The file " + file + " is not a parkwait database (" + msg + "). Move it away and run ingest.java,"
                    + " or point --state-dir at the right folder.";
        }
        if (msg.contains("SQLITE_CANTOPEN") || msg.contains("SQLITE_PERM") || msg.contains("SQLITE_AUTH")) {
            return "The database " + file + " cannot be opened for reading (" + msg + "). Check that this user may"
                    + " read the state folder and the file.";
        }
        return "Could not read the database " + file + ": " + msg + " (SQLite error " + code + ")."
                + " Run status.java again; if it persists, run with --verbose and report it.";
    }
}
