package parkwait.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import parkwait.parse.Reject;

/**
 * One row of table {@code runs}. A run is recorded by {@link Store#startRun} with the fields
 * known at start (use {@link #started}) and completed by {@link Store#finishRun}.
 *
 * @param endedAt  null while the run is going (or if it died)
 * @param outcome  free text chosen by the pipeline (e.g. {@code ok}, {@code partial}); null while going
 * @param exitCode null while going
 */
public record RunRecord(String runId, Instant startedAt, Instant endedAt, String host, long pid,
                        long token, String outcome, Integer exitCode, long filesNew,
                        long filesSkipped, long filesFailed, long rowsSeen, long rowsNew,
                        long rowsDuplicate, long rowsRejected, Map<Reject, Long> rejects,
                        long partitionsWritten) {

    public RunRecord {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(startedAt, "startedAt");
        rejects = Map.copyOf(rejects);
    }

    /** A run that has just started: no end, no outcome, all counts 0. */
    public static RunRecord started(String runId, Instant startedAt, String host, long pid, long token) {
        return new RunRecord(runId, startedAt, null, host, pid, token, null, null,
                0, 0, 0, 0, 0, 0, 0, Map.of(), 0);
    }
}
