package parkwait.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rename retries are for another program holding the target open on Windows, not for a permanent
 * denial (issue 11, Windows by reasoning). The OS is a parameter: the exceptions are the ones
 * Java's Windows file system throws for ERROR_SHARING_VIOLATION and ERROR_ACCESS_DENIED.
 */
class RenameRetryTest {
    @TempDir Path dir;

    static RenameRetry.Facts windows(Set<Path> readOnly) {
        return new RenameRetry.Facts() {
            @Override public boolean windows() {
                return true;
            }

            @Override public boolean writable(Path path) {
                return !readOnly.contains(path);
            }
        };
    }

    @Test
    void aSharingViolationOnWindowsIsRetried() throws Exception {
        Path tmp = Files.writeString(dir.resolve("a.csv.tmp"), "x");
        Path target = dir.resolve("a.csv");
        var sharing = new FileSystemException(tmp.toString(), target.toString(),
                "The process cannot access the file because it is being used by another process");
        assertTrue(RenameRetry.worthRetrying(sharing, tmp, target, windows(Set.of())));
        assertTrue(RenameRetry.worthRetrying(new AccessDeniedException(tmp.toString()), tmp, target, windows(Set.of())),
                "an open file without delete sharing gives access denied too");
    }

    @Test
    void aReadOnlyTargetOrFolderIsFinalAtOnce() throws Exception {
        Path tmp = Files.writeString(dir.resolve("a.csv.tmp"), "x");
        Path target = dir.resolve("a.csv");
        var denied = new AccessDeniedException(tmp.toString());
        assertFalse(RenameRetry.worthRetrying(denied, tmp, target, windows(Set.of(target))));
        assertFalse(RenameRetry.worthRetrying(denied, tmp, target, windows(Set.of(dir.toAbsolutePath()))));
    }

    @Test
    void nothingIsRetriedOutsideWindowsNorAMissingFile() throws Exception {
        Path tmp = Files.writeString(dir.resolve("a.csv.tmp"), "x");
        Path target = dir.resolve("a.csv");
        var notWindows = new RenameRetry.Facts() {
            @Override public boolean windows() {
                return false;
            }

            @Override public boolean writable(Path path) {
                return true;
            }
        };
        assertFalse(RenameRetry.worthRetrying(new AccessDeniedException(tmp.toString()), tmp, target, notWindows));
        assertFalse(RenameRetry.worthRetrying(new NoSuchFileException(tmp.toString()), tmp, target, windows(Set.of())));
        assertFalse(RenameRetry.worthRetrying(new FileSystemException(tmp.toString(), null, "There is not enough space on the disk"),
                tmp, target, windows(Set.of())));
    }
}
