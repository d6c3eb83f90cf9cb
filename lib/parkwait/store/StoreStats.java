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
import java.util.Map;
import java.util.Optional;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import parkwait.parse.Reject;

/**
 * Read-only questions about a database, for status.java. Opens the file read-only (it never
 * writes, never creates the file or its folder) with a busy timeout, so it works while an
 * ingest is running: in rollback-journal mode a reader only waits for the instant of a commit.
 * The queries of one {@link #read} run in one read transaction, so the numbers agree, except the
 * rows per park and day, read just before.
 *
 * <p>Rows per park and day count the whole table, so {@link #read} costs one pass over
 * {@code wait_times}, one park per read transaction: a running ingest's next commit waits for
 * one park at most (the ingest's busy timeout is 30 s), not for the whole table.
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
    private static final String REJECTS_BY_FILE = """
            SELECT key, rows_rejected, rejects_json, rows_seen FROM source_files
             WHERE status <> 'loading' AND rows_rejected > 0 ORDER BY rows_rejected DESC, key""";
    // Rows per park day, one park at a time through the primary key (one range per entity, like
    // Partitions), each park in its own short read transaction: a single scan of a 10-million-row
    // table held the read lock for over 30 s, longer than a running ingest waits to commit.
    private static final String PARKS_KNOWN = "SELECT DISTINCT park FROM entities ORDER BY park";
    private static final String DAYS_OF_PARK = """
            SELECT park_date, COUNT(*) FROM wait_times
             WHERE entity_code IN (SELECT entity_code FROM entities WHERE park = ?) AND park = ?
             GROUP BY park_date ORDER BY park_date""";
    // The newest observation of a park lies on its newest park date; like Partitions.ROWS, read it
    // through the primary key, one range per entity (local dates D and D+1 hold park date D).
    private static final String NEWEST_FILES_OF_DAY = """
            SELECT DISTINCT f.key
              FROM wait_times w JOIN source_files f ON f.file_id = w.file_id
             WHERE w.entity_code IN (SELECT entity_code FROM entities WHERE park = ?)
               AND w.observed_at >= ? AND w.observed_at < ?
               AND w.park = ? AND w.park_date = ?
             ORDER BY f.key LIMIT ?""";
    private static final String NEWEST_OBSERVATION = """
            SELECT observed_at, observed_epoch
              FROM wait_times
             WHERE entity_code IN (SELECT entity_code FROM entities WHERE park = ?)
               AND observed_at >= ? AND observed_at < ?
               AND park = ? AND park_date = ?
             ORDER BY observed_epoch DESC LIMIT 1""";

    /** Everything status.java shows about the database, read in one transaction. */
    public record Snapshot(Path file, long sizeBytes, int schemaVersion, List<RunRecord> runs, long filesLoaded,
                           long filesFailed, List<FailedFile> failedFiles, long dirtyPartitions, List<ParkRows> parks,
                           List<FileRejects> rejectedByFile, List<ParkDay> days) {
    }

    /** The rows of one park day (one partition CSV). */
    public record ParkDay(String park, LocalDate date, long rows) {
    }

    /**
     * The records of one source file's loaded version that were rejected, by reason (offline
     * markers included). Files without rejects are not listed.
     */
    public record FileRejects(String key, long rejected, Map<Reject, Long> byReason, long records) {
        public FileRejects {
            byReason = Map.copyOf(byReason);
        }
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
     * @param newestFiles      the keys of the source files that loaded rows of the newest park date
     *                         (each row counts for the file that loaded it first), in key order, at most
     *                         {@link #NEWEST_FILES}
     */
    public record ParkRows(String park, long rows, LocalDate newestParkDate, String newestObservedAt,
                           Instant newestObserved, List<String> newestFiles) {
        public ParkRows {
            newestFiles = List.copyOf(newestFiles);
        }
    }

    /** Files named per park at most (the keys of the files that first loaded its newest day's rows). */
    public static final int NEWEST_FILES = 5;

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
        Optional<List<ParkDay>> days = readOnly(dbFile, busyTimeout, (conn, file, size) -> days(conn));
        if (days.isEmpty()) return Optional.empty();
        return readOnly(dbFile, busyTimeout, (conn, file, size) -> snapshot(conn, file, size, runs, days.get()));
    }

    /** Work done in one read transaction of a database opened read-only. */
    @FunctionalInterface
    interface ReadWork<T> {
        T run(Connection conn, Path file, long size) throws SQLException;
    }

    /**
     * Opens the database read-only (never creating it), runs {@code work} in one read transaction
     * and closes it; empty if the file does not exist.
     *
     * @throws StoreException if the file exists but cannot be read; the message says why and what to do
     */
    static <T> Optional<T> readOnly(Path dbFile, Duration busyTimeout, ReadWork<T> work) {
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
                T result = work.run(conn, file, size);
                execute(conn, "COMMIT");
                return Optional.of(result);
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

    private static Snapshot snapshot(Connection conn, Path file, long size, int runs, List<ParkDay> days)
            throws SQLException {
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
                count(conn, DIRTY_COUNT), parks(conn, days), rejectedByFile(conn), days);
    }

    static List<FileRejects> rejectedByFile(Connection conn) throws SQLException {
        List<FileRejects> list = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(REJECTS_BY_FILE); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) list.add(new FileRejects(rs.getString(1), rs.getLong(2), RejectsJson.read(rs.getString(3)),
                    rs.getLong(4)));
        }
        return list;
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

    /** Every park's rows per day, ordered by park then date; each park read in its own read transaction. */
    private static List<ParkDay> days(Connection conn) throws SQLException {
        List<String> parks = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(PARKS_KNOWN); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) parks.add(rs.getString(1));
        }
        List<ParkDay> list = new ArrayList<>();
        for (String park : parks) {
            execute(conn, "COMMIT"); // lets a waiting commit in between two parks
            execute(conn, "BEGIN");
            try (PreparedStatement ps = conn.prepareStatement(DAYS_OF_PARK)) {
                ps.setString(1, park);
                ps.setString(2, park);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) list.add(new ParkDay(park, LocalDate.parse(rs.getString(1)), rs.getLong(2)));
                }
            }
        }
        return list;
    }

    /** Rows and newest date per park, from the days (ordered by park, then date). */
    private static List<ParkRows> parks(Connection conn, List<ParkDay> days) throws SQLException {
        List<ParkRows> list = new ArrayList<>();
        for (int i = 0; i < days.size(); ) {
            String park = days.get(i).park();
            long rows = 0;
            LocalDate newest = null;
            for (; i < days.size() && days.get(i).park().equals(park); i++) {
                rows += days.get(i).rows();
                newest = days.get(i).date();
            }
            list.add(newestObservation(conn, park, rows, newest));
        }
        return list;
    }

    private static ParkRows newestObservation(Connection conn, String park, long rows, LocalDate date) throws SQLException {
        List<String> files = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(NEWEST_FILES_OF_DAY)) {
            bindDay(ps, park, date);
            ps.setInt(6, NEWEST_FILES);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) files.add(rs.getString(1));
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(NEWEST_OBSERVATION)) {
            bindDay(ps, park, date);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return new ParkRows(park, rows, date, null, null, files);
                return new ParkRows(park, rows, date, rs.getString(1), Instant.ofEpochSecond(rs.getLong(2)), files);
            }
        }
    }

    /** A park date's rows lie within local dates D and D+1 (see Partitions): one key range per entity. */
    private static void bindDay(PreparedStatement ps, String park, LocalDate date) throws SQLException {
        ps.setString(1, park);
        ps.setString(2, date.toString());
        ps.setString(3, date.plusDays(2).toString());
        ps.setString(4, park);
        ps.setString(5, date.toString());
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
