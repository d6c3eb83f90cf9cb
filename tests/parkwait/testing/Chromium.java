package parkwait.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian package {@code chromium}) for tests that load a page in a real browser:
 * no network, no first-run or sync, a fresh profile per start, console messages logged to stderr.
 */
public final class Chromium {
    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** What one start printed: stdout (the DOM with --dump-dom) and stderr (logs, console messages). */
    public record Result(int exitCode, String stdout, String stderr) {
        /** The page's console messages (Chromium logs them as "...:INFO:CONSOLE:line] ..."). */
        public List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    /** Chromium from the PATH, if installed. */
    public static Optional<Chromium> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return Optional.of(new Chromium(p));
            }
        }
        return Optional.empty();
    }

    /** Loads {@code page} and prints its DOM after the scripts ran. */
    public Result dumpDom(Path page, Path workDir) throws IOException, InterruptedException {
        return run(page, workDir, "--dump-dom");
    }

    /** Loads {@code page} and saves a screenshot of {@code width} x {@code height} pixels to {@code png}. */
    public Result screenshot(Path page, Path workDir, Path png, int width, int height) throws IOException, InterruptedException {
        return run(page, workDir, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
    }

    private Result run(Path page, Path workDir, String... extra) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(Files.createDirectories(workDir), "profile");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Path out = workDir.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = workDir.resolve("chromium-" + System.nanoTime() + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new IOException("Chromium did not finish within 2 minutes loading " + page);
        }
        return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
                new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    }
}
