package parkwait.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * first ({@code file_id}); when another file also contains it, it is flagged {@code shared}.
 * When a file is reloaded, its unshared rows become candidates for removal ({@code file_id}
 * negated); the new version reclaims those it still contains, and the commit deletes the rest.
 * Shared rows are never deleted by a reload, because another file still vouches for them.
 * Limitation: {@code shared} is sticky. If every file that contained a shared row later drops it,
 * the row stays until a full rebuild ({@link Store#forgetAllFiles}); counting owners per row
 * would lift this at the cost of a second table as large as {@code wait_times}.
 */
public final class FileLoad implements AutoCloseable {
    static final int BATCH = 2000;

    private static final String INSERT = """
            INSERT OR IGNORE INTO wait_times (entity_code, observed_at, wait_time_type, wait_time_minutes,
                                              park, park_date, observed_epoch, file_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";
    // For a row that was already there: reclaim it if it is this file's own previous row,
    // flag it shared if it belongs to another file. All SET expressions see the old values.
    private static final String TOUCH_EXISTING = """
            UPDATE wait_times
               SET shared  = CASE WHEN file_id = ? OR file_id = ? THEN shared ELSE 1 END,
                   file_id = CASE WHEN file_id = ? THEN ? ELSE file_id END
             WHERE entity_code = ? AND observed_at = ? AND wait_time_type = ? AND wait_time_minutes = ?
               AND (file_id = ? OR (file_id IS NOT ? AND shared = 0))""";
    private static final String REMOVED_PARTITIONS = "SELECT DISTINCT park, park_date FROM wait_times WHERE file_id = ?";
    private static final String DELETE_REMOVED = "DELETE FROM wait_times WHERE file_id = ?";
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
    private final PreparedStatement touchExisting;
    private final List<FactRow> batch = new ArrayList<>(BATCH);
    private final Set<Partition> changed = new HashSet<>();
    private long rowsNew;
    private long rowsDuplicate;
    private boolean open = true;

    /** Called by Store inside the open transaction, after the fence check and the candidates' marking. */
    FileLoad(Connection conn, Store store, SourceObject obj, long token, String runId, long fileId, Instant now)
            throws SQLException {
        this.conn = conn;
        this.store = store;
        this.obj = obj;
        this.token = token;
        this.runId = runId;
        this.fileId = fileId;
        this.now = now;
        this.insert = conn.prepareStatement(INSERT);
        try {
            this.touchExisting = conn.prepareStatement(TOUCH_EXISTING);
        } catch (SQLException e) {
            insert.close();
            throw e;
        }
    }

    /** Adds one row; rows are written in batches, so a failure may surface on a later call. */
    public void add(FactRow row) {
        requireOpen();
        try {
            insert.setString(1, row.entityCode());
            insert.setString(2, row.observedAt());
            insert.setString(3, row.type().name());
            insert.setInt(4, row.minutes());
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
            markDirty();
            recordLoaded(stats);
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
        boolean touched = false;
        for (int i = 0; i < counts.length; i++) {
            FactRow row = batch.get(i);
            if (counts[i] > 0) {
                rowsNew++;
                changed.add(new Partition(row.park(), row.parkDate()));
            } else {
                rowsDuplicate++;
                bindTouch(row);
                touchExisting.addBatch();
                touched = true;
            }
        }
        if (touched) touchExisting.executeBatch();
        batch.clear();
    }

    private void bindTouch(FactRow row) throws SQLException {
        touchExisting.setLong(1, fileId);
        touchExisting.setLong(2, -fileId);
        touchExisting.setLong(3, -fileId);
        touchExisting.setLong(4, fileId);
        touchExisting.setString(5, row.entityCode());
        touchExisting.setString(6, row.observedAt());
        touchExisting.setString(7, row.type().name());
        touchExisting.setInt(8, row.minutes());
        touchExisting.setLong(9, -fileId);
        touchExisting.setLong(10, fileId);
    }

    /** Rows of the previous version still marked as candidates were not in this version. */
    private long removeDropped() throws SQLException {
        try (PreparedStatement partitions = conn.prepareStatement(REMOVED_PARTITIONS);
             PreparedStatement delete = conn.prepareStatement(DELETE_REMOVED)) {
            partitions.setLong(1, -fileId);
            try (ResultSet rs = partitions.executeQuery()) {
                while (rs.next()) changed.add(new Partition(rs.getString(1), LocalDate.parse(rs.getString(2))));
            }
            delete.setLong(1, -fileId);
            return delete.executeUpdate();
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

    private RuntimeException abort(String action, Exception e) {
        Tx.rollbackQuietly(conn, e);
        finish();
        if (e instanceof RuntimeException re) return re;
        return new StoreException("Could not " + action + " the database " + store.where() + ": "
                + e.getMessage() + ". The file's rows were rolled back; it will be loaded again next run.", e);
    }

    private void finish() {
        open = false;
        try (insert; touchExisting) {
            batch.clear();
        } catch (SQLException ignored) {
            // closing a prepared statement of a finished transaction: nothing left to lose
        }
        store.loadEnded(this);
    }

    private void requireOpen() {
        if (!open) throw new IllegalStateException("The load of " + obj.key() + " is already committed or closed.");
    }
}
