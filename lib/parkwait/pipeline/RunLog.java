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
    private final boolean interactive;

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
        String line = printable(Secrets.redact(message));
        console.println(interactive ? line : stamp() + " " + line);
        console.flush();
        toFile("INFO ", line);
    }

    /** A warning for the console and the log. */
    public void warn(String message) {
        String line = printable(Secrets.redact(message));
        console.println((interactive ? "" : stamp() + " ") + "Warning: " + line);
        console.flush();
        toFile("WARN ", line);
    }

    /**
     * For the log file only: why the run ended early, the sentence the console shows (the script
     * prints it there), with its causes as detail. Scheduled runs have nobody reading the console.
     */
    public void ended(String sentence, Throwable e) {
        toFile("ERROR", printable(Secrets.redact(sentence)));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            toFile("DEBUG", printable(Secrets.redact("  caused by: " + c)));
        }
    }

    /** Detail for the log only (and the console with --verbose). */
    public void detail(String message) {
        String line = printable(Secrets.redact(message));
        if (verbose) {
            console.println("  " + line);
            console.flush();
        }
        toFile("DEBUG", line);
    }

    /**
     * One line stays one line: control characters (a bucket key may hold a newline or an escape
     * sequence) are shown as {@code \\n}, {@code \\u001b} and the like, so a key cannot forge
     * log lines or move the terminal's cursor.
     */
    static String printable(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    private String stamp() {
        return STAMP.format(clock.instant().atZone(ZoneId.systemDefault()));
    }

    private void toFile(String level, String line) {
        if (file == null) return;
        try {
            file.write(stamp() + " " + level + " " + line);
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
