package parkwait.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted on a folder, to run out of disk space for real (needs root or
 * CAP_SYS_ADMIN). tmpfs refuses a write that would pass its size with ENOSPC, like a full disk.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;
    private boolean mounted;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /**
     * Mounts a tmpfs of {@code bytes} on {@code dir} (created if needed); returns null with the
     * reason in {@code why} when this machine does not allow it, so the caller can skip.
     */
    public static Tmpfs mount(Path dir, long bytes, StringBuilder why) throws Exception {
        return mount(dir, bytes, "mode=755", why);
    }

    /** As {@link #mount(Path, long, StringBuilder)}, with mount options such as {@code "mode=777,noexec"}. */
    public static Tmpfs mount(Path dir, long bytes, String options, StringBuilder why) throws Exception {
        Files.createDirectories(dir);
        String out = run("mount", "-t", "tmpfs", "-o", "size=" + bytes + "," + options, "tmpfs", dir.toString());
        if (out != null) {
            why.append("cannot mount a tmpfs on ").append(dir).append(" (it needs root or CAP_SYS_ADMIN): ").append(out.strip());
            return null;
        }
        Tmpfs t = new Tmpfs(dir);
        t.mounted = true;
        return t;
    }

    /** Grows or shrinks the file system (not below what it holds). */
    public void resize(long bytes) throws Exception {
        String out = run("mount", "-o", "remount,size=" + bytes, dir.toString());
        if (out != null) throw new IOException("cannot resize the tmpfs on " + dir + " to " + bytes + " bytes: " + out.strip());
    }

    /** Bytes in use (tmpfs counts whole 4 KiB pages per file). */
    public long used() throws IOException {
        var store = Files.getFileStore(dir);
        return store.getTotalSpace() - store.getUnallocatedSpace();
    }

    public Path dir() {
        return dir;
    }

    /** Unmounts; lazily if a file is still open, so that a failed test never leaves a mount behind. */
    @Override
    public void close() throws Exception {
        if (!mounted) return;
        if (run("umount", dir.toString()) != null) {
            String out = run("umount", "-l", dir.toString());
            if (out != null) throw new IOException("cannot unmount " + dir + ": " + out.strip());
        }
        mounted = false;
    }

    /** Runs a command; returns null on success, else its output. */
    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return String.join(" ", cmd) + " did not finish within 30 s";
        }
        return p.exitValue() == 0 ? null : String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out;
    }
}
