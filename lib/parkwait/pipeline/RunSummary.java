package parkwait.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parkwait.cli.ExitCodes;
import parkwait.parse.ParseStats;
import parkwait.parse.Reject;

/** The counts of one run, printed at its end and stored in the database. Mutable while the run goes. */
public final class RunSummary {
    long filesListed;
    long filesNew;
    long filesChanged;
    long filesRetried;
    long filesUnchanged;
    long filesGivenUp;
    long filesFailed;
    long rowsNew;
    long rowsDuplicate;
    long rowsReplaced;
    long partitionsWritten;
    long bytesRead;
    final List<String> unknownKeys = new ArrayList<>();
    final List<String> failedKeys = new ArrayList<>();
    final ParseStats parse = new ParseStats();
    Duration elapsed = Duration.ZERO;
    private java.nio.file.Path csvFolder;
    private java.nio.file.Path logFile;

    /** Where the run's CSVs and its log file are, said at the end of every run. */
    public RunSummary places(java.nio.file.Path csvFolder, java.nio.file.Path logFile) {
        this.csvFolder = csvFolder;
        this.logFile = logFile;
        return this;
    }

    /** 0, or 3 when some files failed (they are retried next run). */
    public int exitCode() {
        return filesFailed > 0 ? ExitCodes.SOME_FILES_FAILED : ExitCodes.OK;
    }

    public long filesLoaded() {
        return filesNew + filesChanged + filesRetried;
    }

    public long rowsNew() {
        return rowsNew;
    }

    public long filesFailed() {
        return filesFailed;
    }

    public long partitionsWritten() {
        return partitionsWritten;
    }

    public ParseStats parse() {
        return parse;
    }

    /** The summary for people. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("Files:      %d listed; %d loaded (%d new, %d changed, %d retried); %d unchanged; %d failed; %d given up; %d not wait-time files%n",
                filesListed, filesLoaded(), filesNew, filesChanged, filesRetried, filesUnchanged, filesFailed, filesGivenUp, unknownKeys.size()));
        // A standby record can give two rows (posted and actual), so records and rows are counted apart.
        b.append(String.format("Records:    %d read; %d rejected%n", parse.recordsSeen(), parse.rejected()));
        b.append(String.format("Rows:       %d new; %d duplicate%n", rowsNew, rowsDuplicate));
        if (parse.rejected() > 0) {
            b.append("Rejected:   ");
            List<String> parts = new ArrayList<>();
            parse.rejects().forEach((r, n) -> parts.add(r.label() + " " + n));
            b.append(String.join(", ", parts)).append('\n');
            // Issue 16: the rows themselves are kept, but capped, and the cap must not cut silently.
            if (parse.notKept() > 0) {
                b.append(String.format("Kept:       the first %d rejected records per file and reason, to read with"
                        + " status.java --rejects; %d more were only counted%n", ParseStats.KEPT_PER_REASON, parse.notKept()));
            }
        }
        b.append(String.format("Partitions: %d CSV files written%n", partitionsWritten));
        b.append(String.format("Time:       %.1f s (%.1f MB read)%n", elapsed.toMillis() / 1000.0, bytesRead / 1e6));
        for (String k : failedKeys) b.append("Failed:     ").append(parkwait.cli.Printable.of(k)).append('\n');
        for (String k : unknownKeys) b.append("Skipped:    ").append(parkwait.cli.Printable.of(k)).append(" (not a standby or priority file)\n");
        if (csvFolder != null) b.append("CSVs:       ").append(csvFolder).append('\n');
        if (logFile != null) b.append("Log:        ").append(logFile).append('\n');
        return b.toString();
    }

    /** The same as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("filesListed", filesListed);
        m.put("filesNew", filesNew);
        m.put("filesChanged", filesChanged);
        m.put("filesRetried", filesRetried);
        m.put("filesUnchanged", filesUnchanged);
        m.put("filesFailed", filesFailed);
        m.put("filesGivenUp", filesGivenUp);
        m.put("rowsSeen", parse.recordsSeen());
        m.put("rowsNew", rowsNew);
        m.put("rowsDuplicate", rowsDuplicate);
        m.put("rowsRejected", parse.rejected());
        Map<String, Long> rejects = new LinkedHashMap<>();
        parse.rejects().forEach((r, n) -> rejects.put(r.label(), n));
        m.put("rejected", rejects);
        m.put("rejectedNotKept", parse.notKept());
        m.put("partitionsWritten", partitionsWritten);
        m.put("seconds", elapsed.toMillis() / 1000.0);
        m.put("failedKeys", failedKeys);
        m.put("unknownKeys", unknownKeys);
        m.put("exitCode", exitCode());
        m.put("csvFolder", csvFolder == null ? null : csvFolder.toString());
        m.put("logFile", logFile == null ? null : logFile.toString());
        return m;
    }

    Map<Reject, Long> rejects() {
        return new EnumMap<>(parse.rejects());
    }
}
