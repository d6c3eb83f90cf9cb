package parkwait.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Faults of the database file itself, each named with its remedy (issue 13): damaged bytes,
 * a file cut short, and another program holding a lock. Everything else is left to the caller.
 */
final class DatabaseFaults {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_NOTADB = 26;
    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final String RESTORE = "Put back a copy from a backup, or move the file away and run ingest.java with --full-rebuild"
            + " to rebuild it from the source (rows imported from the predecessor come back only from a backup).";

    private DatabaseFaults() {
    }

    /** The sentence for a damaged database, with what was found. */
    static StoreException damaged(Path db, String found, Throwable cause) {
        return new StoreException("The database " + db + " is damaged (" + found + "), so this run stopped before"
                + " writing anything more. " + RESTORE, cause);
    }

    /** A sentence for {@code e} when it is one of the faults this class names. */
    static Optional<StoreException> explain(Path db, SQLException e, java.time.Duration busyTimeout) {
        int code = e.getErrorCode() & 0xff;
        String msg = String.valueOf(e.getMessage());
        if (code == SQLITE_CORRUPT || code == SQLITE_NOTADB || msg.contains("SQLITE_CORRUPT") || msg.contains("SQLITE_NOTADB")) {
            return Optional.of(damaged(db, msg, e));
        }
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED || msg.contains("SQLITE_BUSY")) {
            return Optional.of(new StoreException("The database " + db + " stayed locked by another program for "
                    + busyTimeout.toSeconds() + " s: one holding a transaction open (DB Browser for SQLite with unsaved"
                    + " changes or a query still running, a Python or R session that did not commit) or one that ran"
                    + " BEGIN EXCLUSIVE. Close that program or let it commit, and run again; nothing is lost.", e));
        }
        return Optional.empty();
    }

    /**
     * Reads the 100-byte header without SQLite: a file that is not a database, or shorter than its
     * header says (a copy or sync cut short). With a WAL file beside it the size is not checked,
     * since pages may still be in the WAL.
     */
    static void checkHeader(Path db) {
        long size;
        byte[] h = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(db)) {
            size = Files.size(db);
            n = in.readNBytes(h, 0, 100);
        } catch (IOException e) {
            return; // unreadable: SQLite's own open reports it with its reason
        }
        if (size == 0) return; // SQLite makes an empty file a new database
        if (n < 100 || !java.util.Arrays.equals(h, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw damaged(db, "it does not start like an SQLite database", null);
        }
        ByteBuffer b = ByteBuffer.wrap(h);
        int pageSize = Short.toUnsignedInt(b.getShort(16));
        if (pageSize == 1) pageSize = 65536;
        long pages = Integer.toUnsignedLong(b.getInt(28));
        boolean countValid = b.getInt(24) == b.getInt(92);
        if (countValid && !Files.exists(Path.of(db + "-wal")) && size < pages * pageSize) {
            throw new StoreException("The database " + db + " is cut short: it has " + size + " bytes, but its header"
                    + " says " + pages * pageSize + " (a copy, sync or restore that did not finish), so this run"
                    + " stopped before writing anything. " + RESTORE);
        }
    }
}
