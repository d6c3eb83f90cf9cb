package parkwait.lock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Optional;

/** JSON of lock records and audit lines: ISO 8601 instants, unknown fields ignored (newer writers). */
public final class LockJson {
    /** Anything bigger is not a lock record we wrote; refuse to parse it (a 10 MB file stays cheap). */
    static final int MAX_RECORD_BYTES = 64 * 1024;

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS);

    private LockJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON for " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses a lock record, or says in a few words why the text is not one. */
    static Parsed parse(byte[] bytes) {
        return parse(bytes, ProcessFacts.localHostName(), null);
    }

    /**
     * As {@link #parse(byte[])}, also reading the predecessor's text lock (DESIGN 4.7) as a holder
     * on {@code thisHost}; {@code fileTime} (the file's mtime, may be null) stands in for a
     * missing Start time.
     */
    static Parsed parse(byte[] bytes, String thisHost, java.time.Instant fileTime) {
        if (bytes.length == 0) return new Parsed(Optional.empty(), "the file is empty");
        if (bytes.length > MAX_RECORD_BYTES) {
            return new Parsed(Optional.empty(), "the file is " + bytes.length + " bytes, too large to be a lock record");
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) return new Parsed(Optional.empty(), "the file holds only whitespace");
        if (PredecessorLock.looksLike(text)) {
            return PredecessorLock.parse(text, thisHost, fileTime)
                    .map(info -> new Parsed(Optional.of(info), null))
                    .orElseGet(() -> new Parsed(Optional.empty(), "the predecessor's lock file names no pid or start time"));
        }
        try {
            LockInfo info = MAPPER.readValue(text, LockInfo.class);
            // Our JSON records always carry a token; only the predecessor's text lock lacks one.
            if (info == null || !info.isComplete() || info.token() <= 0) {
                return new Parsed(Optional.empty(), "the file is JSON but not a lock record (pid, host, times or token missing)");
            }
            return new Parsed(Optional.of(info), null);
        } catch (JsonProcessingException e) {
            return new Parsed(Optional.empty(), "the file is not a valid lock record (" + firstLine(e.getOriginalMessage()) + ")");
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unparseable";
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    /** A lock record, or the reason there is none. */
    record Parsed(Optional<LockInfo> info, String problem) {
    }
}
