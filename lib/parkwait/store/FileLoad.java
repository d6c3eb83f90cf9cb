package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;
import parkwait.source.SourceObject;

/**
 * The loading of one source file, in one open transaction (DESIGN 4.4): either {@link #commit}
 * makes all of it durable, or {@link #close} (or a crash) leaves no trace of it.
 * Obtain one from {@link Store#beginFile}; use it from the thread that opened the store.
 *
 * <p>Ownership rule (DESIGN 8: a changed file replaces its previous contribution, so that an
 * incremental history equals a full rebuild). Each row belongs to the file that inserted it
 * first ({@code file_id}); every other file that also contains it is recorded in
 * {@code row_holders} (see Holders). When a key that already holds rows is loaded again, every row
 * of the new version is also noted in a temporary table, and the commit drops the key from the
 * rows the new version no longer has: a row another file still holds stays, any other goes.
 * Unchanged rows are only read, never rewritten, so reloading a file that grew costs about one
 * primary-key lookup per old row.
 */
public final class FileLoad implements AutoCloseable {
    static final int BATCH = 2000;

    private static final String INSERT = """
            INSERT OR IGNORE INTO wait_times (entity_code, observed_at, wait_time_type, wait_time_minutes,
                                              park, park_date, observed_epoch, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String PK = "entity_code = ? AND observed_at = ? AND wait_time_type = ? AND wait_time_minutes = ?";
    private static final String MARK_SHARED = "UPDATE wait_times SET shared = 1 WHERE " + PK + " AND file_id IS NOT ? AND shared = 0";
    private static final String HAS_ROWS = Holders.HOLDS_ANY;
    private static final List<String> NEW_SEEN = List.of("""
            CREATE TEMP TABLE IF NOT EXISTS reloaded_rows (
                entity_code TEXT, observed_at TEXT, wait_time_type TEXT, wait_time_minutes INTEGER,
                PRIMARY KEY (entity_code, observed_at, wait_time_type, wait_time_minutes)
            ) WITHOUT ROWID""", "DELETE FROM temp.reloaded_rows");
    private static final String SEEN = "INSERT OR IGNORE INTO temp.reloaded_rows VALUES (?, ?, ?, ?)";
    private static final String CLEAR_SEEN = "DELETE FROM temp.reloaded_rows";
    private static final String ADD_ENTITY = "INSERT OR IGNORE INTO entities (entity_code, park) VALUES (?, ?)";
    private static final String MARK_DIRTY = "INSERT OR IGNORE INTO dirty_partitions (park, park_date) VALUES (?, ?)";
    private static final String RECORD_LOADED = """
            UPDATE source_files
               SET etag = ?, size = ?, last_modified = ?, status = 'loaded', rows_seen = ?, rows_new = ?,
                   rows_duplicate = ?, rows_rejected = ?, rejects_json = ?, failure_count = 0,
                   last_error = NULL, run_id = ?, loaded_at = ?
             WHERE file_id = ?""";

    private final Connection conn;
    private final Store store;
    private final SourceObject obj;
    private final long token;
    private final String runId;
    private final long fileId;
    private final Instant now;
    private final PreparedStatement insert;
    private final PreparedStatement markShared;
    private final PreparedStatement addHolder;
    private final PreparedStatement seen; // null unless the key has rows from a previous version
    private final List<FactRow> batch = new ArrayList<>(BATCH);
    private final Set<Partition> changed = new HashSet<>();
    private final Map<String, String> newEntities = new HashMap<>();
    private long rowsNew;
    private long rowsDuplicate;
    private boolean open = true;

    private FileLoad(Connection conn, Store store, SourceObject obj, long token, String runId, long fileId,
                     Instant now, boolean reload) throws SQLException {
        this.conn = conn;
        this.store = store;
        this.obj = obj;
        this.token = token;
        this.runId = runId;
        this.fileId = fileId;
        this.now = now;
        List<PreparedStatement> opened = new ArrayList<>();
        try {
            this.insert = prepare(opened, INSERT);
            this.markShared = prepare(opened, MARK_SHARED);
            this.addHolder = prepare(opened, Holders.ADD);
            this.seen = reload ? prepare(opened, SEEN) : null;
        } catch (SQLException e) {
            for (PreparedStatement ps : opened) ps.close();
            throw e;
        }
    }

    /** Called by Store inside the open, fenced transaction. */
    static FileLoad start(Connection conn, Store store, SourceObject obj, long token, String runId, long fileId,
                          Instant now) throws SQLException {
        boolean reload;
        try (PreparedStatement ps = conn.prepareStatement(HAS_ROWS)) {
            ps.setLong(1, fileId);
            try (ResultSet rs = ps.executeQuery()) {
                reload = rs.next();
            }
        }
        if (reload) {
            for (String sql : NEW_SEEN) {
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.execute();
                }
            }
        }
        return new FileLoad(conn, store, obj, token, runId, fileId, now, reload);
    }

    /** Adds one row; rows are written in batches, so a failure may surface on a later call. */
    public void add(FactRow row) {
        requireOpen();
        try {
            bindKey(insert, 1, row);
            insert.setString(5, row.park());
            insert.setString(6, row.parkDate().toString());
            insert.setLong(7, row.epochSecond());
            insert.setLong(8, fileId);
            insert.addBatch();
            batch.add(row);
            if (batch.size() >= BATCH) flush();
        } catch (SQLException | RuntimeException e) {
            throw abort("add a row of " + obj.key() + " to", e);
        }
    }

    /**
     * Checks the fencing token, deletes what the previous version had and this one lacks, marks
     * changed partitions dirty, records the file as loaded and commits.
     *
     * @throws FencedException if a newer token is recorded; nothing of this file is written
     */
    public LoadResult commit(ParseStats stats) {
        requireOpen();
        try {
            flush();
            Tx.checkFence(conn, token);
            long removed = removeDropped();
            addEntities();
            markDirty();
            recordLoaded(stats);
            RejectedRows.replace(conn, fileId, stats.kept());
            store.checkFence(); // last, just before the commit: a forced clear fences this very commit
            Tx.commit(conn);
            finish();
            return new LoadResult(rowsNew, rowsDuplicate, removed, changed.size());
        } catch (SQLException | RuntimeException e) {
            throw abort("commit " + obj.key() + " to", e);
        }
    }

    /** Rolls back unless committed. Safe to call more than once. */
    @Override
    public void close() {
        if (!open) return;
        Tx.rollbackQuietly(conn, null);
        finish();
    }

    private void flush() throws SQLException {
        if (batch.isEmpty()) return;
        int[] counts = insert.executeBatch();
        boolean duplicates = false;
        for (int i = 0; i < counts.length; i++) {
            FactRow row = batch.get(i);
            if (seen != null) {
                bindKey(seen, 1, row);
                seen.addBatch();
            }
            if (counts[i] > 0) {
                rowsNew++;
                changed.add(new Partition(row.park(), row.parkDate()));
                newEntities.putIfAbsent(row.entityCode(), row.park());
            } else {
                rowsDuplicate++;
                bindKey(markShared, 1, row);
                markShared.setLong(5, fileId);
                markShared.addBatch();
                addHolder.setLong(1, fileId);
                bindKey(addHolder, 2, row);
                addHolder.setLong(6, fileId);
                addHolder.addBatch();
                duplicates = true;
            }
        }
        if (duplicates) {
            markShared.executeBatch();
            addHolder.executeBatch();
        }
        if (seen != null) seen.executeBatch();
        batch.clear();
    }

    private static void bindKey(PreparedStatement ps, int i, FactRow row) throws SQLException {
        ps.setString(i, row.entityCode());
        ps.setString(i + 1, row.observedAt());
        ps.setString(i + 2, row.type().name());
        ps.setInt(i + 3, row.minutes());
    }

    /** The key stops holding the rows its new version lacks (see Holders); marks the partitions of deleted rows. */
    private long removeDropped() throws SQLException {
        if (seen == null) return 0;
        long removed = Holders.drop(conn, fileId, true, changed);
        try (PreparedStatement clear = conn.prepareStatement(CLEAR_SEEN)) {
            clear.executeUpdate();
        }
        return removed;
    }

    /** Partitions are read through entity codes (see Partitions), so every new entity is listed. */
    private void addEntities() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(ADD_ENTITY)) {
            for (Map.Entry<String, String> e : newEntities.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void markDirty() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(MARK_DIRTY)) {
            for (Partition p : changed) {
                ps.setString(1, p.park());
                ps.setString(2, p.date().toString());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void recordLoaded(ParseStats stats) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(RECORD_LOADED)) {
            ps.setString(1, obj.etag());
            ps.setLong(2, obj.size());
            ps.setString(3, obj.lastModified() == null ? null : obj.lastModified().toString());
            ps.setLong(4, stats.recordsSeen());
            ps.setLong(5, rowsNew);
            ps.setLong(6, rowsDuplicate);
            ps.setLong(7, stats.rejected());
            ps.setString(8, RejectsJson.write(stats.rejects()));
            ps.setString(9, runId);
            ps.setString(10, now.toString());
            ps.setLong(11, fileId);
            ps.executeUpdate();
        }
    }

    private PreparedStatement prepare(List<PreparedStatement> opened, String sql) throws SQLException {
        PreparedStatement ps = conn.prepareStatement(sql);
        opened.add(ps);
        return ps;
    }

    private RuntimeException abort(String action, Exception e) {
        Tx.rollbackQuietly(conn, e);
        finish();
        if (e instanceof RuntimeException re) return re;
        // Damaged or locked: the sentence names the cause; "loaded again next run" would not be true of a damaged file.
        if (e instanceof SQLException sql && store.fault(sql).isPresent()) return store.fault(sql).get();
        return new StoreException("Could not " + action + " the database " + store.where() + ": "
                + e.getMessage() + ". The file's rows were rolled back; it will be loaded again next run.", e);
    }

    private void finish() {
        open = false;
        batch.clear();
        try (insert; markShared; addHolder; PreparedStatement s = seen) {
            // closing the statements of a finished transaction
        } catch (SQLException ignored) {
            // nothing left to lose: the transaction is already committed or rolled back
        }
        store.loadEnded(this);
    }

    private void requireOpen() {
        if (!open) throw new IllegalStateException("The load of " + obj.key() + " is already committed or closed.");
    }
}
