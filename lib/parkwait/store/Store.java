package parkwait.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;
import parkwait.parse.FactRow;
import parkwait.source.SourceObject;

/**
 * The SQLite database, source of truth of the pipeline (DESIGN 4.4). The only class family that
 * speaks SQL. One connection, used by one thread: the run lock guarantees a single writer, and
 * readers in other processes are waited for up to the busy timeout.
 *
 * <p>Every method that commits takes the caller's fencing token and checks, inside its own
 * transaction, that no newer token is recorded (DESIGN 3.4); if one is, it writes nothing and
 * throws {@link FencedException}. Database errors surface as {@link StoreException}.
 */
public final class Store implements AutoCloseable {
    private static final String CLAIM_TOKEN = "UPDATE meta SET value = ? WHERE key = 'highest_token'";
    private final Connection conn;
    private final Path dbFile;
    private final StoreOptions options;
    private final String journalMode;
    private FileLoad activeLoad;

    private Store(Connection conn, Path dbFile, StoreOptions options, String journalMode) {
        this.conn = conn;
        this.dbFile = dbFile;
        this.options = options;
        this.journalMode = journalMode;
    }

    /**
     * Opens (creating it and its folder if needed) the database, sets the journal mode, busy
     * timeout and {@code synchronous=FULL}, and creates or checks the schema.
     */
    public static Store open(Path dbFile, StoreOptions options) {
        Path file = dbFile.toAbsolutePath();
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new StoreException("Could not create the folder of the database " + file + ": " + e.getMessage(), e);
        }
        NativeSqlite.load();
        DatabaseFaults.checkHeader(file);
        boolean check = IntegrityGate.changedSinceSeen(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout((int) options.busyTimeout().toMillis()); // before anything touches the file
        Connection conn = null;
        try {
            conn = config.createConnection("jdbc:sqlite:" + file);
            if (check) IntegrityGate.quickCheck(conn, file); // before any pragma or schema step writes
            // Pragma values cannot be bound; these come from an enum and numbers, never from input.
            String mode = pragma(conn, "journal_mode = " + options.journalMode().name());
            pragma(conn, "synchronous = FULL"); // durable across power loss, in both journal modes
            pragma(conn, "cache_size = -" + options.cacheSizeKiB());
            pragma(conn, "temp.cache_size = -" + options.cacheSizeKiB()); // reloads note rows in a temp table
            Schema.ensure(conn, file.toString());
            return new Store(conn, file, options, mode.toLowerCase(Locale.ROOT));
        } catch (SQLException | RuntimeException e) {
            closeQuietly(conn, e);
            if (e instanceof RuntimeException re) throw re;
            var named = DatabaseFaults.explain(file, (SQLException) e, options.busyTimeout());
            if (named.isPresent()) throw named.get();
            throw new StoreException("Could not open the database " + file + ": " + e.getMessage()
                    + ". Check that the folder is writable and the file is a parkwait database.", e);
        }
    }

    /**
     * Opens an existing database for reading only (dry runs): no pragma that writes, no schema
     * change, so its journal mode and bytes stay as they are. The caller checks that the file exists.
     */
    public static Store openReadOnly(Path dbFile, StoreOptions options) {
        Path file = dbFile.toAbsolutePath();
        NativeSqlite.load();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true); // without the CREATE flag as well: never a new, empty database
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        try {
            return new Store(config.createConnection("jdbc:sqlite:" + file), file, options, "");
        } catch (SQLException e) {
            throw new StoreException("Could not open the database " + file + " for reading: " + e.getMessage()
                    + ". Check that this user may read the state folder and the file.", e);
        }
    }

    /** The journal mode in effect, lower case ({@code delete}, {@code wal}); SQLite may refuse a switch. */
    public String journalMode() { return journalMode; }

    /** The highest fencing token recorded so far (0 if none). */
    public long highestToken() {
        return read("read the fencing token from", Tx::highestToken);
    }

    /**
     * Records {@code token} as the highest token, in its own transaction.
     *
     * @throws FencedException if a higher token is already recorded
     */
    public void claimToken(long token) {
        write(token, "record fencing token " + token + " in", c -> {
            try (PreparedStatement ps = c.prepareStatement(CLAIM_TOKEN)) {
                ps.setLong(1, token);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Starts the load of one source file: opens its transaction (BEGIN IMMEDIATE), checks the
     * fence, and notes whether the key has rows from a previous version to replace (see FileLoad).
     * Nothing is visible to others, or durable, until {@link FileLoad#commit}.
     *
     * @throws FencedException if a newer token is recorded
     */
    public FileLoad beginFile(SourceObject obj, long token, String runId) {
        requireNoLoad();
        try {
            Tx.begin(conn);
        } catch (SQLException e) {
            throw failure("start loading " + obj.key() + " into", e);
        }
        try {
            Tx.checkFence(conn, token);
            long fileId = SourceFiles.fileId(conn, obj.key());
            activeLoad = FileLoad.start(conn, this, obj, token, runId, fileId, options.clock().instant());
            return activeLoad;
        } catch (SQLException | RuntimeException e) {
            Tx.rollbackQuietly(conn, e);
            if (e instanceof RuntimeException re) throw re;
            throw failure("start loading " + obj.key() + " into", (SQLException) e);
        }
    }

    /** Records a failed attempt (failure count + 1, error text); the key's loaded rows stay as they are. */
    public void recordFailure(SourceObject obj, long token, String runId, String error) {
        write(token, "record the failure of " + obj.key() + " in", c -> {
            SourceFiles.recordFailure(c, obj, runId, error, options.clock().instant());
            return null;
        });
    }

    /** Every known key (loaded or failed), in code-point order of the key. */
    public Map<String, SourceFileRecord> sourceFiles() {
        return read("read the source files from", SourceFiles::all);
    }

    /** Inserts a run row, usually made with {@link RunRecord#started}. */
    public void startRun(RunRecord run) {
        write(run.token(), "record the start of run " + run.runId() + " in", c -> {
            RunLog.insert(c, run);
            return null;
        });
    }

    /** Replaces the run row with the same id by {@code run} (end, outcome, counts). */
    public void finishRun(RunRecord run) {
        write(run.token(), "record the end of run " + run.runId() + " in", c -> {
            if (!RunLog.update(c, run)) throw new StoreException("Run " + run.runId() + " was never started in " + dbFile + ".");
            return null;
        });
    }

    /** The latest {@code n} runs, newest first. */
    public List<RunRecord> lastRuns(int n) {
        return read("read the runs from", c -> RunLog.last(c, n));
    }

    /** Streams every kept rejected record, by key then line. The consumer must not call this store. */
    public void forEachRejectedRow(Consumer<RejectedRow> sink) {
        read("read the rejected rows from", c -> {
            RejectedRows.forEach(c, null, sink);
            return null;
        });
    }

    /** Partitions whose CSV must be rewritten, ordered by park then date. */
    public List<Partition> dirtyPartitions() {
        return read("read the dirty partitions from", Partitions::dirty);
    }

    /** Every partition that has rows, ordered by park then date. */
    public List<Partition> allPartitions() {
        return read("list the partitions of", Partitions::all);
    }

    /**
     * Streams the partition's rows in output order (DESIGN 4.5) and returns how many there were;
     * 0 means the partition is now empty and its CSV should go. The consumer must not call this
     * store: the read cursor is open while it runs.
     */
    public long forEachRow(Partition p, Consumer<FactRow> sink) {
        return read("read partition " + p.park() + " " + p.date() + " from", c -> Partitions.forEachRow(c, p, sink));
    }

    /**
     * The partition's CSV lines (without header) as UTF-8 in DESIGN 4.5 order, each ending in a
     * newline; null when the partition has no rows. Equal to rendering {@link #forEachRow} line by line.
     */
    public byte[] partitionCsv(Partition p) {
        return read("read partition " + p.park() + " " + p.date() + " from", c -> Partitions.csvBody(c, p));
    }

    /** Clears the dirty mark of a partition whose CSV has just been rewritten. */
    public void clearDirty(Partition p, long token) {
        write(token, "clear the dirty mark of " + p.park() + " " + p.date() + " in", c -> Partitions.clearDirty(c, List.of(p)));
    }

    /** Clears the dirty marks of many partitions in one transaction (one commit, not one per file). */
    public void clearDirty(java.util.Collection<Partition> partitions, long token) {
        write(token, "clear " + partitions.size() + " dirty marks in", c -> Partitions.clearDirty(c, partitions));
    }

    /** Partitions whose CSV file this program has written and not removed since, ordered by park then date. */
    public List<Partition> partitionsWithFiles() {
        return read("list the partition files of", Partitions::withFiles);
    }

    /** Marks these partitions dirty, so that their CSVs are rewritten (missing or edited by hand). */
    public void markDirty(java.util.Collection<Partition> partitions, long token) {
        write(token, "mark " + partitions.size() + " partitions dirty in", c -> {
            Partitions.markDirty(c, partitions);
            return null;
        });
    }

    /** Marks every partition that has rows dirty, so that all CSVs are rewritten. */
    public void markAllDirty(long token) {
        write(token, "mark all partitions dirty in", Partitions::markAllDirty);
    }

    /**
     * For {@code --full-rebuild}: in one transaction, marks every partition that has rows dirty,
     * then deletes all rows and all source-file records (runs and meta stay). The pipeline then
     * loads every key as new, so the result equals an incremental history's; partitions left
     * without rows stay dirty, and their CSVs go. Rows that came from no source file (e.g. an
     * import from the predecessor, DESIGN 4.7) are deleted too.
     */
    public void forgetAllFiles(long token) {
        write(token, "forget all loaded files in", c -> {
            Partitions.forgetAllFiles(c);
            return null;
        });
    }

    /** Per key, how many rows only that file holds (a full rebuild reports them when the key is gone). */
    public Map<String, Long> rowsOnlyIn(java.util.Collection<String> keys) {
        return read("count the rows of " + keys.size() + " files in", c -> Rebuilds.rowsOnlyIn(c, keys));
    }

    /**
     * For {@code --full-rebuild} of some properties only, in one transaction: {@code reload} keys
     * are read again as changed (so each replaces exactly its own rows), {@code gone} keys are
     * removed with the rows no other file holds (their partitions marked dirty). Other files and
     * their rows are not touched.
     */
    public void forgetFiles(java.util.Collection<String> reload, java.util.Collection<String> gone, long token) {
        write(token, "forget " + (reload.size() + gone.size()) + " loaded files in", c -> {
            Rebuilds.forget(c, reload, gone);
            return null;
        });
    }

    /**
     * The state of the import from the predecessor (DESIGN 4.7): null if never tried,
     * {@link Imports#PENDING} if a part could not be read, else the instant it was done (or found
     * nothing to import).
     */
    public String predecessorImport() {
        return read("read the import marker from", c -> Imports.meta(c, Imports.IMPORTED_KEY));
    }

    /** True when some key was loaded or failed by this program itself, not imported from the predecessor. */
    public boolean hasOwnLoads() {
        return read("read the source files from", Imports::hasOwnLoads);
    }

    /**
     * Ends the import from the predecessor in one transaction: records {@code processed} as loaded
     * (keys already known keep their record), marks {@code dirty} for rewriting, and notes the
     * import as done, or as pending (to be tried again) unless {@code done}. Returns how many keys
     * were new to the database.
     */
    public int finishPredecessorImport(List<ImportedFile> processed, java.util.Collection<Partition> dirty, long token,
                                       boolean done) {
        java.time.Instant now = options.clock().instant();
        return write(token, "record the predecessor's processed files in", c -> {
            int added = Imports.addProcessed(c, processed, now);
            Imports.markDirty(c, dirty);
            Imports.setMeta(c, Imports.IMPORTED_KEY, done ? now.toString() : Imports.PENDING);
            return added;
        });
    }

    /** Rolls back an uncommitted load, then closes the connection. */
    @Override
    public void close() {
        if (activeLoad != null) activeLoad.close();
        try {
            conn.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
        if (!journalMode.isEmpty()) IntegrityGate.recordSeen(dbFile); // a writing store (read-only ones have no mode)
    }

    String where() { return dbFile.toString(); }

    /** The caller's fence (see StoreOptions), for FileLoad's commit. */
    void checkFence() { options.fence().run(); }

    void loadEnded(FileLoad load) {
        if (activeLoad == load) activeLoad = null;
    }

    private <T> T write(long token, String action, SqlWork<T> work) {
        requireNoLoad();
        try {
            Tx.begin(conn);
        } catch (SQLException e) {
            throw failure(action, e);
        }
        try {
            Tx.checkFence(conn, token);
            T result = work.run(conn);
            options.fence().run(); // issue 12: a forced clear refuses the next commit, not only a newer token
            Tx.commit(conn);
            return result;
        } catch (SQLException | RuntimeException e) {
            Tx.rollbackQuietly(conn, e);
            if (e instanceof RuntimeException re) throw re;
            throw failure(action, (SQLException) e);
        }
    }

    private <T> T read(String action, SqlWork<T> work) {
        try {
            return work.run(conn);
        } catch (SQLException e) {
            throw failure(action, e);
        }
    }

    private static String pragma(Connection conn, String assignment) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("PRAGMA " + assignment)) {
            if (!ps.execute()) return "";
            try (ResultSet rs = ps.getResultSet()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    private static void closeQuietly(Connection conn, Exception pending) {
        if (conn == null) return;
        try {
            conn.close();
        } catch (SQLException e) {
            pending.addSuppressed(e);
        }
    }

    private void requireNoLoad() {
        if (activeLoad != null) {
            throw new IllegalStateException("A file load is still open on " + dbFile + "; commit or close it first.");
        }
    }

    /** The sentence for a damaged or locked database, if {@code e} is one. */
    java.util.Optional<StoreException> fault(SQLException e) {
        return DatabaseFaults.explain(dbFile, e, options.busyTimeout());
    }

    private StoreException failure(String action, SQLException e) {
        var named = fault(e);
        if (named.isPresent()) return named.get();
        return new StoreException("Could not " + action + " the database " + dbFile + ": " + e.getMessage()
                + " (SQLite error " + e.getErrorCode() + ").", e);
    }
}
