package parkwait.lock;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * The predecessor's lock file (DESIGN 1, 4.7): plain text lines {@code PID: 1234},
 * {@code Start: 2024-01-15 05:00:02.123456}, {@code Script: C:\etl\run.py}. Read as a
 * {@link LockInfo} of version {@link LockInfo#PREDECESSOR_VERSION} on this host, without a
 * process start time or token, so that the usual verdicts apply: dead pid = STALE, live = HELD.
 */
final class PredecessorLock {
    private PredecessorLock() {
    }

    /** True when the text's first non-blank line is {@code PID: <digits>} (any case). */
    static boolean looksLike(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .map(l -> value(l, "pid") != null).orElse(false);
    }

    /**
     * The holder the text names, or empty when it names no pid. The Start time is read as an
     * instant, an offset date-time, or a local date-time of this host's zone (the predecessor
     * wrote local time); without a readable one, {@code fileTime} (the file's mtime) stands in.
     */
    static Optional<LockInfo> parse(String text, String thisHost, Instant fileTime) {
        Long pid = null;
        Instant start = null;
        String script = null;
        for (String raw : text.lines().toList()) {
            String line = raw.strip();
            String v;
            if ((v = value(line, "pid")) != null && pid == null) {
                try {
                    pid = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            } else if ((v = value(line, "start")) != null && start == null) {
                start = time(v);
            } else if ((v = value(line, "script")) != null && script == null) {
                script = v;
            }
        }
        if (pid == null || pid <= 0) return Optional.empty();
        Instant at = start != null ? start : fileTime;
        if (at == null) return Optional.empty();
        return Optional.of(new LockInfo(LockInfo.PREDECESSOR_VERSION, pid, thisHost, null, null, at, at,
                script, 0));
    }

    /** The text after {@code name:} on the line, or null when the line is not that field. */
    private static String value(String line, String name) {
        int colon = line.indexOf(':');
        if (colon < 0 || !line.substring(0, colon).strip().toLowerCase(Locale.ROOT).equals(name)) return null;
        String v = line.substring(colon + 1).strip();
        if (name.equals("pid") && !v.matches("[0-9]{1,18}")) return null;
        return v;
    }

    private static Instant time(String v) {
        String t = v.replace(' ', 'T');
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException ignored) {
            // not an instant; try the other shapes
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset
        }
        try {
            return LocalDateTime.parse(t).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException ignored) {
            // maybe seconds since 1970 (Python's time.time())
        }
        if (v.matches("[0-9]{9,11}(\\.[0-9]+)?")) {
            double seconds = Double.parseDouble(v);
            return Instant.ofEpochMilli((long) (seconds * 1000));
        }
        return null;
    }
}
