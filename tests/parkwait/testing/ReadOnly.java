package parkwait.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes a folder truly read-only for this process: permissions, or the immutable flag when running
 * as root (root ignores permissions). Always pair with {@code undo}: JUnit cannot delete an
 * immutable temp folder.
 */
public final class ReadOnly {
    private ReadOnly() {
    }

    /** The folder itself: nothing can be added to it, removed from it or renamed in it; its files stay writable. */
    public static void make(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (writable(dir)) run("chattr", "+i", dir.toString());
        if (writable(dir)) throw new IllegalStateException("cannot make " + dir + " read-only on this machine");
    }

    /** Every folder and file under {@code root}, {@code root} included. */
    public static void makeTree(Path root) throws Exception {
        for (Path p : tree(root)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
        }
        if (writable(root)) run("chattr", "-R", "+i", root.toString());
        if (writable(root)) throw new IllegalStateException("cannot make " + root + " read-only on this machine");
    }

    public static void undo(Path dir) throws Exception {
        try {
            run("chattr", "-i", dir.toString());
        } catch (IOException ignored) {
            // no chattr: permissions alone were enough
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Undoes {@link #makeTree}; does nothing if {@code root} is gone. */
    public static void undoTree(Path root) throws Exception {
        if (!Files.exists(root)) return;
        try {
            run("chattr", "-R", "-i", root.toString());
        } catch (IOException ignored) {
            // no chattr: permissions alone were enough
        }
        for (Path p : tree(root)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.toList();
        }
    }

    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed");
    }
}
