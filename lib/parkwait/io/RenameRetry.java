package parkwait.io;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Whether a refused rename over a target is worth trying again. Only Windows refuses to replace a
 * file that another program (Excel, an antivirus scan, Dropbox) has open, and only for a while:
 * that is a sharing violation, or an access denial on a file and folder that are writable. A
 * read-only target or folder, a missing file, or any refusal elsewhere is final and is reported at
 * once, not after seconds of retries as if Excel held the file.
 */
final class RenameRetry {
    private RenameRetry() {
    }

    /** What the decision needs to know about the files, so that it can be tested on any OS. */
    interface Facts {
        boolean windows();

        boolean writable(Path path);

        static Facts system() {
            boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
            return new Facts() {
                @Override public boolean windows() {
                    return windows;
                }

                @Override public boolean writable(Path path) {
                    return !Files.exists(path) || Files.isWritable(path);
                }
            };
        }
    }

    static boolean worthRetrying(FileSystemException e, Path tmp, Path target, Facts facts) {
        if (!facts.windows() || e instanceof NoSuchFileException) return false;
        String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
        // ERROR_SHARING_VIOLATION (32) and ERROR_LOCK_VIOLATION (33): another process has it open.
        if (reason.contains("being used by another process") || reason.contains("locked a portion")) return true;
        if (!(e instanceof AccessDeniedException)) return false;
        // ERROR_ACCESS_DENIED (5) is also what an open file without delete sharing gives; a
        // read-only target or folder gives it too, and that never passes.
        Path folder = target.toAbsolutePath().getParent();
        return facts.writable(target) && (folder == null || facts.writable(folder)) && Files.exists(tmp);
    }
}
