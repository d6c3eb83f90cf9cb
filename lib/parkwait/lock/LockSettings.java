package parkwait.lock;

import java.time.Duration;

/**
 * Tunables of the run lock.
 *
 * @param staleAfter     a holder on another host whose heartbeat is older than this is stale.
 *                       Minutes, not seconds: clocks differ between hosts (DESIGN 3.2)
 * @param hungAfter      a live holder on this host older than this is reported "possibly hung"
 *                       (and still never taken over)
 * @param heartbeatEvery how often the holder refreshes heartbeatAt
 */
public record LockSettings(Duration staleAfter, Duration hungAfter, Duration heartbeatEvery) {

    public static LockSettings defaults() {
        return new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofSeconds(30));
    }

    public LockSettings {
        if (staleAfter.compareTo(heartbeatEvery.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("The stale-after limit (" + staleAfter
                    + ") must be at least three heartbeats (" + heartbeatEvery + ").");
        }
    }
}
