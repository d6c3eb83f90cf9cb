package parkwait.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two reasons a write fails that a user can fix without a developer: the disk is full, or the
 * place is read-only (permissions, an immutable flag, a read-only mount). Told apart from the
 * exception chain, so that the lock, the database and the file exports word them alike.
 *
 * <p>Java reports these as the operating system's text ({@code No space left on device}), SQLite
 * as result codes. Windows' text is matched in English only; other languages fall through to the
 * caller's general wording.
 */
public enum WriteFailure {
    DISK_FULL, READ_ONLY;

    // SQLite primary result codes; the driver reports extended codes, whose low byte is the primary one.
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_FULL = 13;
    private static final List<String> FULL_TEXT = List.of("no space left on device", "disk quota exceeded",
            "not enough space on the disk");
    private static final List<String> READ_ONLY_TEXT = List.of("read-only file system", "operation not permitted",
            "permission denied", "access is denied");

    /** Why {@code e} (or one of its causes) happened, if it is one of the two. */
    public static Optional<WriteFailure> of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof AtomicFiles.ReplaceRefusedException) return Optional.empty(); // a file held open: its own advice
            if (t instanceof AccessDeniedException) return Optional.of(READ_ONLY);
            if (t instanceof SQLException s) {
                int code = s.getErrorCode() & 0xff;
                if (code == SQLITE_FULL) return Optional.of(DISK_FULL);
                if (code == SQLITE_READONLY) return Optional.of(READ_ONLY);
            }
            // Only the errors of local files: a network error that says "Access Denied" is not a read-only folder.
            boolean local = t instanceof FileSystemException || t.getClass() == java.io.IOException.class;
            String text = String.valueOf(t instanceof FileSystemException f ? f.getReason() : t.getMessage()).toLowerCase(Locale.ROOT);
            if (local && FULL_TEXT.stream().anyMatch(text::contains)) return Optional.of(DISK_FULL);
            if (local && READ_ONLY_TEXT.stream().anyMatch(text::contains)) return Optional.of(READ_ONLY);
        }
        return Optional.empty();
    }

    /** The folder of the first file named along the chain ({@code x.csv.tmp} in {@code 2024-03/}), or null. */
    public static Path folderOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f && f.getFile() != null) {
                Path file = Path.of(f.getFile()).toAbsolutePath();
                return file.getParent() != null ? file.getParent() : file;
            }
        }
        return null;
    }

    /**
     * The system's words for the failure, without the path: the first file error's reason along
     * the chain ("Operation not permitted"), else SQLite's text for its code, else the message.
     */
    public static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f && f.getReason() != null) return f.getReason();
            // Java gives EACCES (and Windows' access denied) no reason text, only the path.
            if (t instanceof AccessDeniedException) return "permission denied";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == SQLITE_FULL) return "database or disk is full";
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == SQLITE_READONLY) return "attempt to write a readonly database";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * What happened to {@code place} (a noun phrase such as "the state folder /x/state"), as a
     * clause: "the disk holding the state folder /x/state is full", "the folder /x is read-only
     * (Operation not permitted)".
     */
    public String describe(String place, String reason) {
        return switch (this) {
            case DISK_FULL -> "the disk holding " + place + " is full";
            case READ_ONLY -> place + " is read-only (" + reason + ")";
        };
    }

    /** What the user should do, as an imperative clause. */
    public String remedy() {
        return switch (this) {
            case DISK_FULL -> "free some space on that disk";
            case READ_ONLY -> "make it writable for this user";
        };
    }
}
