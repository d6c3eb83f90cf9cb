package parkwait.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** Makes a folder truly read-only for this process: permissions, or the immutable flag when running as root. */
final class ReadOnly {
    private ReadOnly() {
    }

    static void make(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (writable(dir)) run("chattr", "+i", dir.toString()); // root ignores permissions
        if (writable(dir)) throw new IllegalStateException("cannot make " + dir + " read-only on this machine");
    }

    static void undo(Path dir) throws Exception {
        try {
            run("chattr", "-i", dir.toString());
        } catch (IOException ignored) {
            // no chattr: permissions alone were enough
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
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
