package parkwait.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;

/**
 * The lock's files, opened without following links (issue 12): a link planted at
 * {@code processing.lock}, its {@code .tmp} or the guard must never redirect a write, and a FIFO
 * or a device in their place must never be opened (a FIFO blocks the reader, /dev/zero never ends).
 */
final class LockFiles {
    static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    private static final int RENAME_ATTEMPTS = 20;

    private LockFiles() {
    }

    /** What is at a path, links not followed. */
    enum Kind {
        ABSENT, REGULAR, DIRECTORY, LINK, OTHER;

        /** "a symbolic link" etc., for sentences; null for ABSENT and REGULAR. */
        String words() {
            return switch (this) {
                case DIRECTORY -> "a folder";
                case LINK -> "a symbolic link (or junction)";
                case OTHER -> "a special file (a FIFO, device or socket)";
                default -> null;
            };
        }
    }

    static Kind kindOf(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (a.isSymbolicLink()) return Kind.LINK;
            if (a.isDirectory()) return Kind.DIRECTORY;
            if (a.isRegularFile()) return Kind.REGULAR;
            return Kind.OTHER;
        } catch (NoSuchFileException e) {
            return Kind.ABSENT;
        } catch (IOException e) {
            // Cannot even look at it: treat it as a plain file, so the read reports the real error.
            return Kind.REGULAR;
        }
    }

    /** The file's identity where the OS has one (device and inode on Linux and macOS), else null. */
    static Object identity(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** Reads a regular file whole, at most {@code max + 1} bytes (the caller refuses anything longer). */
    static byte[] read(Path p, int max) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer buf = ByteBuffer.allocate(max + 1);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // keep reading: a read may return fewer bytes than are there
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        }
    }

    /**
     * Replaces {@code target} whole: the bytes go to {@code target.tmp}, created new (a link or
     * leftover there is removed first, never written through), flushed, then renamed over the
     * target (a rename replaces a link itself, never what it points to).
     */
    static void writeAtomic(Path target, byte[] bytes) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        if (kindOf(tmp) == Kind.DIRECTORY) throw new FileSystemException(tmp.toString(), null, "a folder is in the way");
        Files.deleteIfExists(tmp); // removes a planted link itself, not its target
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            renameOver(tmp, target);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the next write removes it
            }
            throw e;
        }
    }

    private static void renameOver(Path tmp, Path target) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (FileSystemException e) {
                // Windows refuses to replace a file a reader has open at that instant; such holds are brief.
                if (!WINDOWS || attempt >= RENAME_ATTEMPTS) throw e;
                try {
                    Thread.sleep(20L * attempt); // backoff between retries of a refused rename
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
