package parkwait.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import parkwait.io.AtomicFiles;

/**
 * Finds a damaged database before a run writes to it (issue 13). {@code PRAGMA quick_check} reads
 * the whole file (seconds at millions of rows), so it runs only when the file is not as this
 * program left it: size and modification time are recorded in {@code <db>.seen} when a writing
 * store closes; any other change (an editor, a copy, a restore, a crash) makes the next open check.
 */
final class IntegrityGate {
    private IntegrityGate() {
    }

    static Path seenFile(Path db) {
        return db.resolveSibling(db.getFileName() + ".seen");
    }

    /** Before the connection opens: whether the file changed since this program last closed it. */
    static boolean changedSinceSeen(Path db) {
        try {
            if (!Files.exists(db) || Files.size(db) == 0) return false; // a new database: nothing to check
            String seen = Files.readString(seenFile(db), StandardCharsets.UTF_8).strip();
            return !seen.equals(stamp(db));
        } catch (IOException e) {
            return true; // never recorded, or unreadable: check
        }
    }

    /** Runs quick_check; throws the damaged sentence with SQLite's first finding. */
    static void quickCheck(Connection conn, Path db) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("PRAGMA quick_check(1)"); ResultSet rs = ps.executeQuery()) {
            String first = rs.next() ? rs.getString(1) : "no answer";
            if (!"ok".equals(first)) throw DatabaseFaults.damaged(db, "quick_check: " + first, null);
        }
    }

    /** After a writing store closed: records the file as this program left it. Best effort. */
    static void recordSeen(Path db) {
        try {
            if (Files.exists(db)) AtomicFiles.write(seenFile(db), stamp(db).getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // without the record the next open simply checks again
        }
    }

    private static String stamp(Path db) throws IOException {
        return Files.size(db) + " " + Files.getLastModifiedTime(db).toMillis();
    }
}
