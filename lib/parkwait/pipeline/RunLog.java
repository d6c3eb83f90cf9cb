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
import parkwait.cli.Printable;
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
    private final boolean interactive;
    private boolean logWarned;

    private RunLog(PrintWriter console, BufferedWriter file, Path path, Clock clock, boolean verbose, boolean interactive) {
        this.console = console;
        this.file = file;
        this.path = path;
        this.clock = clock;
        this.verbose = verbose;
        this.interactive = interactive;
    }

    /**
     * A log that writes to the console and to a new file in {@code logsDir}. A full disk or a
     * read-only folder is a UserException (exit 1) that names the folder.
     */
    public static RunLog open(PrintWriter console, Path logsDir, Clock clock, boolean verbose, boolean interactive)
            throws IOException {
        String name = "ingest_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(clock.instant().atZone(ZoneId.systemDefault()));
        try {
            Files.createDirectories(logsDir);
            Path path = logsDir.resolve(name + ".log");
            for (int i = 2; Files.exists(path); i++) path = logsDir.resolve(name + "_" + i + ".log");
            return new RunLog(console, Files.newBufferedWriter(path, StandardCharsets.UTF_8), path, clock, verbose, interactive);
        } catch (IOException e) {
            var clear = UnwritableOutput.explain(e, "the folder " + logsDir, "so this run cannot keep its log and did not start",
                    "nothing was changed");
            if (clear.isPresent()) throw clear.get();
            throw e;
        }
    }

    /** A log that only writes to the console (dry runs and tests). */
    public static RunLog consoleOnly(PrintWriter console, Clock clock, boolean verbose) {
        return new RunLog(console, null, null, clock, verbose, false);
    }

    public Path path() {
        return path;
    }

    /** A progress bar on a terminal, timestamped lines otherwise. */
    public Progress progress() {
        return Progress.forConsole(this, interactive);
    }

    /** Removes this script's log files older than {@code keep}; returns how many. */
    public static int prune(Path logsDir, java.time.Duration keep, Clock clock) {
        int removed = 0;
        java.time.Instant cutoff = clock.instant().minus(keep);
        try (var files = Files.newDirectoryStream(logsDir, "ingest_*.log")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(cutoff) && Files.deleteIfExists(f)) removed++;
            }
        } catch (IOException e) {
            // Pruning is housekeeping: a locked or vanished log file must not fail a run.
        }
        return removed;
    }

    /** A line for the console and the log. */
    public void info(String message) {
        String line = Printable.of(Secrets.redact(message));
        console.println(interactive ? line : stamp() + " " + line);
        console.flush();
        toFile("INFO ", line);
    }

    /** A warning for the console and the log. */
    public void warn(String message) {
        String line = Printable.of(Secrets.redact(message));
        console.println((interactive ? "" : stamp() + " ") + "Warning: " + line);
        console.flush();
        toFile("WARN ", line);
    }

    /**
     * For the log file only: why the run ended early, the sentence the console shows (the script
     * prints it there), with its causes as detail. Scheduled runs have nobody reading the console.
     */
    public void ended(String sentence, Throwable e) {
        if (file == null) return;
        try {
            writeLine("ERROR", Printable.of(Secrets.redact(sentence)));
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                writeLine("DEBUG", Printable.of(Secrets.redact("  caused by: " + c)));
            }
            file.flush();
        } catch (IOException ignored) {
            // Best effort: the console gets the sentence, and a full disk may be why the run ended.
        }
    }

    /** Detail for the log only (and the console with --verbose). */
    public void detail(String message) {
        String line = Printable.of(Secrets.redact(message));
        if (verbose) {
            console.println("  " + line);
            console.flush();
        }
        toFile("DEBUG", line);
    }

    /** For the log file only, also with --verbose: what the console already shows another way (the summary). */
    public void fileOnly(String message) {
        toFile("INFO ", Printable.of(Secrets.redact(message)));
    }

    private String stamp() {
        return STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
    }

    private void writeLine(String level, String line) throws IOException {
        file.write(stamp() + " " + level + " " + line);
        file.newLine();
    }

    private void toFile(String level, String line) {
        if (file == null) return;
        try {
            writeLine(level, line);
            file.flush();
        } catch (IOException e) {
            // Once, shaped like every other warning: a full disk would otherwise repeat it for every
            // line, and the sentence that ends the run says what to do.
            if (logWarned) return;
            logWarned = true;
            console.println((interactive ? "" : stamp() + " ") + "Warning: cannot write the log file " + path + ": " + e.getMessage());
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
