package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** The database's tables (DESIGN 4.4), created on first open and versioned in {@code meta}. */
final class Schema {
    static final int VERSION = 4;
    /** The version the DDL below creates; each step after it is applied once, in order. */
    private static final int BASE_VERSION = 1;

    // WITHOUT ROWID: the primary key b-tree holds the row, so an insert touches one tree fewer.
    // No index on (park, park_date): a file spans years, so each load would rewrite (and journal)
    // the whole of such an index; it made loads 3x slower. Partitions are read through the
    // primary key instead, one range per entity of the park (table entities, see Partitions).
    // The file_id index only ever grows at its end while a new file loads.
    private static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS wait_times (
                entity_code       TEXT    NOT NULL,
                observed_at       TEXT    NOT NULL,
                wait_time_type    TEXT    NOT NULL,
                wait_time_minutes INTEGER NOT NULL,
                park              TEXT    NOT NULL,
                park_date         TEXT    NOT NULL,
                observed_epoch    INTEGER NOT NULL,
                file_id           INTEGER,
                shared            INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (entity_code, observed_at, wait_time_type, wait_time_minutes)
            ) WITHOUT ROWID""",
            "CREATE INDEX IF NOT EXISTS wait_times_by_file ON wait_times (file_id)",
            """
            CREATE TABLE IF NOT EXISTS source_files (
                file_id        INTEGER PRIMARY KEY,
                key            TEXT NOT NULL UNIQUE,
                etag           TEXT,
                size           INTEGER,
                last_modified  TEXT,
                status         TEXT NOT NULL,
                rows_seen      INTEGER NOT NULL DEFAULT 0,
                rows_new       INTEGER NOT NULL DEFAULT 0,
                rows_duplicate INTEGER NOT NULL DEFAULT 0,
                rows_rejected  INTEGER NOT NULL DEFAULT 0,
                rejects_json   TEXT NOT NULL DEFAULT '{}',
                failure_count  INTEGER NOT NULL DEFAULT 0,
                last_error     TEXT,
                run_id         TEXT,
                loaded_at      TEXT,
                failed_at      TEXT
            )""",
            """
            CREATE TABLE IF NOT EXISTS runs (
                run_id             TEXT PRIMARY KEY,
                started_at         TEXT NOT NULL,
                ended_at           TEXT,
                host               TEXT,
                pid                INTEGER,
                token              INTEGER,
                outcome            TEXT,
                exit_code          INTEGER,
                files_new          INTEGER NOT NULL DEFAULT 0,
                files_skipped      INTEGER NOT NULL DEFAULT 0,
                files_failed       INTEGER NOT NULL DEFAULT 0,
                rows_seen          INTEGER NOT NULL DEFAULT 0,
                rows_new           INTEGER NOT NULL DEFAULT 0,
                rows_duplicate     INTEGER NOT NULL DEFAULT 0,
                rows_rejected      INTEGER NOT NULL DEFAULT 0,
                rejects_json       TEXT NOT NULL DEFAULT '{}',
                partitions_written INTEGER NOT NULL DEFAULT 0
            )""",
            """
            CREATE TABLE IF NOT EXISTS entities (
                entity_code TEXT PRIMARY KEY,
                park        TEXT NOT NULL
            ) WITHOUT ROWID""",
            """
            CREATE TABLE IF NOT EXISTS dirty_partitions (
                park      TEXT NOT NULL,
                park_date TEXT NOT NULL,
                PRIMARY KEY (park, park_date)
            ) WITHOUT ROWID""",
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value)",
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', " + BASE_VERSION + ")",
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('highest_token', 0)");

    // Migration step 2 (version 1 -> 2, issue 13, partition files): the partitions whose CSV this
    // program has written and not removed, so that every run can find a CSV deleted by hand by
    // listing the folders, without scanning wait_times. Filled once from the rows a database has.
    private static final List<String> STEP_2_PARTITION_FILES = List.of("""
            CREATE TABLE IF NOT EXISTS partition_files (
                park      TEXT NOT NULL,
                park_date TEXT NOT NULL,
                PRIMARY KEY (park, park_date)
            ) WITHOUT ROWID""",
            "INSERT OR IGNORE INTO partition_files (park, park_date) SELECT DISTINCT park, park_date FROM wait_times");

    // Migration step 3 (version 2 -> 3): rejected records as people can read them (README "Rejected
    // rows"), at most ParseStats.KEPT_PER_REASON per file and reason; a reload replaces the file's.
    private static final List<String> STEP_3_REJECTED_ROWS = List.of("""
            CREATE TABLE IF NOT EXISTS rejected_rows (
                file_id  INTEGER NOT NULL,
                line     INTEGER NOT NULL,
                reason   TEXT    NOT NULL,
                raw_text TEXT    NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS rejected_rows_by_file ON rejected_rows (file_id, line)");


    // Migration step 4 (version 3 -> 4, issue 13, row holders): every file that holds a row besides its owner, so that
    // a row leaves only when no file holds it. Rows shared before this step keep shared = 2: their
    // other files are unknown, and they stay until a full rebuild, as they did before.
    private static final List<String> STEP_4_ROW_HOLDERS = List.of("""
            CREATE TABLE IF NOT EXISTS row_holders (
                entity_code       TEXT    NOT NULL,
                observed_at       TEXT    NOT NULL,
                wait_time_type    TEXT    NOT NULL,
                wait_time_minutes INTEGER NOT NULL,
                file_id           INTEGER NOT NULL,
                PRIMARY KEY (entity_code, observed_at, wait_time_type, wait_time_minutes, file_id)
            ) WITHOUT ROWID""",
            "CREATE INDEX IF NOT EXISTS row_holders_by_file ON row_holders (file_id)",
            "UPDATE wait_times SET shared = 2 WHERE shared = 1");

    /** Step n takes a database from version n - 1 to n; index 0 is step BASE_VERSION + 1 (here: steps 2, 3, 4). */
    private static final List<List<String>> STEPS = List.of(STEP_2_PARTITION_FILES, STEP_3_REJECTED_ROWS, STEP_4_ROW_HOLDERS);

    private static final String READ_VERSION = "SELECT value FROM meta WHERE key = 'schema_version'";
    private static final String WRITE_VERSION = "UPDATE meta SET value = ? WHERE key = 'schema_version'";

    private Schema() {
    }

    /** Creates what is missing, in one transaction; refuses a database from a newer version. */
    static void ensure(Connection conn, String where) throws SQLException {
        Tx.begin(conn);
        try {
            for (String sql : DDL) {
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.execute();
                }
            }
            int version = version(conn);
            if (version > VERSION) {
                throw new StoreException("The database " + where + " has schema version " + version
                        + ", newer than this program's " + VERSION + ". Update parkwait before running it on this folder.");
            }
            for (int v = Math.max(version, BASE_VERSION) + 1; v <= VERSION; v++) migrate(conn, v);
            Tx.commit(conn);
        } catch (SQLException | RuntimeException e) {
            Tx.rollbackQuietly(conn, e);
            throw e;
        }
    }

    private static void migrate(Connection conn, int to) throws SQLException {
        for (String sql : STEPS.get(to - BASE_VERSION - 1)) {
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                ps.execute();
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(WRITE_VERSION)) {
            ps.setInt(1, to);
            ps.executeUpdate();
        }
    }

    static int version(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(READ_VERSION); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }
}
