package parkwait.lock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/**
 * What a lock records about its holder (DESIGN 3.1). Times are UTC instants; {@code processStart}
 * is the operating system's start time of the holder process, so that a recycled PID is not
 * mistaken for the holder. {@code command} holds the script and its options, never credentials.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"version", "pid", "host", "user", "processStart", "acquiredAt", "heartbeatAt",
        "command", "token"})
public record LockInfo(int version, long pid, String host, String user, Instant processStart,
                       Instant acquiredAt, Instant heartbeatAt, String command, long token) {

    public static final int CURRENT_VERSION = 1;
    /**
     * Marks a record read from the predecessor's text lock file (see PredecessorLock): it has no
     * token, user or process start time. Our own JSON records always have version 1 or more.
     */
    public static final int PREDECESSOR_VERSION = 0;

    /** The same holder with a fresh heartbeat. */
    public LockInfo withHeartbeat(Instant at) {
        return new LockInfo(version, pid, host, user, processStart, acquiredAt, at, command, token);
    }

    /** The same holder with another fencing token. */
    public LockInfo withToken(long newToken) {
        return new LockInfo(version, pid, host, user, processStart, acquiredAt, heartbeatAt, command, newToken);
    }

    /** True for a lock left by the predecessor (its text format), not by this program. */
    @JsonIgnore
    public boolean isPredecessor() {
        return version == PREDECESSOR_VERSION;
    }

    /**
     * True when the record names a holder at all (a JSON object of the wrong shape does not).
     * The predecessor's records have no token; ours always have one (LockJson checks that).
     */
    boolean isComplete() {
        return pid > 0 && host != null && !host.isBlank() && acquiredAt != null && heartbeatAt != null
                && (token > 0 || isPredecessor());
    }
}
