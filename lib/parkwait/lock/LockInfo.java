package parkwait.lock;

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

    /** The same holder with a fresh heartbeat. */
    public LockInfo withHeartbeat(Instant at) {
        return new LockInfo(version, pid, host, user, processStart, acquiredAt, at, command, token);
    }

    /** The same holder with another fencing token. */
    public LockInfo withToken(long newToken) {
        return new LockInfo(version, pid, host, user, processStart, acquiredAt, heartbeatAt, command, newToken);
    }

    /** True when the record names a holder at all (a JSON object of the wrong shape does not). */
    boolean isComplete() {
        return pid > 0 && host != null && !host.isBlank() && acquiredAt != null && heartbeatAt != null
                && token > 0;
    }
}
