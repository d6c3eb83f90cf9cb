package parkwait.pipeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import parkwait.cli.Secrets;

/**
 * What a run says: progress and warnings on the console (stderr), and the same plus detail in
 * {@code logs/ingest_YYYYMMDD_HHMMSS.log}. Every line is redacted of credentials.
 */
public final class RunLog implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final PrintWriter console;
    private final BufferedWriter file;
    private final Path path;
    private final Clock clock;
    private final boolean verbose;

    private RunLog(PrintWriter console, BufferedWriter file, Path path, Clock clock, boolean verbose) {
        this.console = console;
        this.file = file;
        this.path = path;
        this.clock = clock;
        this.verbose = verbose;
    }

    /** A log that writes to the console and to a new file in {@code logsDir}. */
    public static RunLog open(PrintWriter console, Path logsDir, Clock clock, boolean verbose) throws IOException {
        Files.createDirectories(logsDir);
        String name = "ingest_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(clock.instant().atZone(ZoneId.systemDefault()));
        Path path = logsDir.resolve(name + ".log");
        for (int i = 2; Files.exists(path); i++) path = logsDir.resolve(name + "_" + i + ".log");
        return new RunLog(console, Files.newBufferedWriter(path, StandardCharsets.UTF_8), path, clock, verbose);
    }

    /** A log that only writes to the console (dry runs and tests). */
    public static RunLog consoleOnly(PrintWriter console, Clock clock, boolean verbose) {
        return new RunLog(console, null, null, clock, verbose);
    }

    public Path path() {
        return path;
    }

    /** A line for the console and the log. */
    public void info(String message) {
        String line = Secrets.redact(message);
        console.println(line);
        console.flush();
        toFile("INFO ", line);
    }

    /** A warning for the console and the log. */
    public void warn(String message) {
        String line = Secrets.redact(message);
        console.println("Warning: " + line);
        console.flush();
        toFile("WARN ", line);
    }

    /** Detail for the log only (and the console with --verbose). */
    public void detail(String message) {
        String line = Secrets.redact(message);
        if (verbose) {
            console.println("  " + line);
            console.flush();
        }
        toFile("DEBUG", line);
    }

    private void toFile(String level, String line) {
        if (file == null) return;
        try {
            file.write(STAMP.format(clock.instant().atZone(ZoneId.systemDefault())) + " " + level + " " + line);
            file.newLine();
            file.flush();
        } catch (IOException e) {
            console.println("Warning: cannot write the log file " + path + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        if (file == null) return;
        try {
            file.close();
        } catch (IOException ignored) {
            // the run's outcome is already decided; a log that fails to close changes nothing
        }
    }
}
