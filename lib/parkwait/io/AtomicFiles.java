package parkwait.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files that readers (people, Excel, Dropbox, other runs) only ever see whole: the bytes
 * go to {@code name.tmp} in the same folder, are flushed to disk, then renamed over the target.
 */
public final class AtomicFiles {
    /** Windows refuses a rename over a file another program has open; such holds are brief. */
    private static final int RENAME_ATTEMPTS = 20;

    private AtomicFiles() {
    }

    /** Something that writes the content. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The temp file used for {@code target}. */
    public static Path tempFor(Path target) {
        return target.resolveSibling(target.getFileName() + ".tmp");
    }

    /** Replaces {@code target} with the given bytes, atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with what {@code body} writes, atomically. On failure the old file
     * is untouched and the temp file removed.
     */
    public static void write(Path target, Body body) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        replace(target, body, true);
    }

    /**
     * Replaces {@code target}, in a folder the caller has created, with {@code bytes}; the caller
     * makes the rename durable later with {@link #syncFolder(Path)}. For many files in few folders:
     * no folder check per file.
     */
    public static void writeInFolder(Path target, byte[] bytes) throws IOException {
        replace(target, out -> out.write(bytes), false, () -> { });
    }

    /** As {@link #writeInFolder(Path, byte[])}, running {@code beforeRename} (which may throw) once the temp file is durable. */
    public static void writeInFolder(Path target, byte[] bytes, Runnable beforeRename) throws IOException {
        replace(target, out -> out.write(bytes), false, beforeRename);
    }

    private static void replace(Path target, Body body, boolean syncFolder) throws IOException {
        replace(target, body, syncFolder, () -> { });
    }

    private static void replace(Path target, Body body, boolean syncFolder, Runnable beforeRename) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = tempFor(target);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16)) {
                body.writeTo(out);
                out.flush();
                ch.force(true);
            }
            beforeRename.run();
            renameOver(tmp, target);
            if (syncFolder) syncFolder(parent);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw named(tmp, e);
        } catch (RuntimeException e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path tmp, Exception pending) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            pending.addSuppressed(e);
        }
    }

    /**
     * Proves that a file can be created and removed in {@code dir} (made first if missing), so
     * that a run finds a read-only folder before it changes anything else. Throws the system's error, naming the folder; a full disk
     * is not found this way (an empty file needs no space). The probe has one fixed name, so one
     * left by a run killed at that instant is replaced and removed by the next run's probe.
     */
    public static void requireWritable(Path dir) throws IOException {
        // The folder itself, made if missing (the run would make it anyway): probing a parent
        // instead could refuse a run where only folders may be made, such as C:\ on Windows.
        Files.createDirectories(dir);
        Path probe = dir.resolve(WRITE_CHECK);
        Files.newOutputStream(probe).close(); // creates or truncates
        Files.delete(probe);
    }

    /** The probe's name: hidden on Linux and macOS, and a .tmp that the partition clean-up also removes. */
    public static final String WRITE_CHECK = ".parkwait-write-check.tmp";

    /** A failed write() says only "No space left on device"; the path tells the user which disk. */
    private static IOException named(Path file, IOException e) {
        if (e.getClass() != IOException.class) return e;
        FileSystemException named = new FileSystemException(file.toString(), null, e.getMessage());
        named.initCause(e);
        return named;
    }

    private static void renameOver(Path tmp, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (AtomicMoveNotSupportedException e) {
                throw e;
            } catch (FileSystemException e) {
                if (!RenameRetry.worthRetrying(e, tmp, target, RenameRetry.Facts.system())) throw e;
                if (attempt >= RENAME_ATTEMPTS) {
                    ReplaceRefusedException refused = new ReplaceRefusedException(target, e.getReason());
                    refused.initCause(e);
                    throw refused;
                }
                pause(50L * attempt);
            }
        }
    }

    /**
     * The temp file was written but could not be renamed over the target: on Windows, another
     * program (Excel) has the target open. Not a read-only folder or a full disk (see WriteFailure).
     */
    public static final class ReplaceRefusedException extends FileSystemException {
        ReplaceRefusedException(Path target, String reason) {
            super(target.toString(), null, "cannot replace the file (" + reason
                    + "); if another program (Excel?) has it open, close it and run again");
        }
    }

    /** Makes the rename itself durable on Linux and macOS; Windows cannot open folders and needs no call. */
    public static void syncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // Not supported on this platform; the rename is still atomic.
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis); // backoff between retries of a refused rename, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while replacing a file");
        }
    }
}
