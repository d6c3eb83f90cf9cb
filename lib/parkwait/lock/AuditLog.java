package parkwait.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lock's audit trail, {@code state/lock-events.jsonl} (DESIGN 3.7): one JSON line per event.
 * Each line is appended with a single write in append mode, so lines from concurrent processes
 * never interleave.
 */
public final class AuditLog {
    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one event. Never throws: a full disk must not turn a clean release into a failure;
     * the returned message (or null) says what went wrong so the caller can warn.
     *
     * @param event   acquired, released, refused, stale-taken-over, cleared, force-cleared, lost
     * @param subject the lock concerned (may be null)
     * @param actor   who did it (may equal subject)
     * @param detail  the evidence or reason, in words
     */
    public String append(String event, Instant at, LockInfo subject, LockInfo actor, String detail) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("at", at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        if (subject != null) {
            line.putAll(LockJson.MAPPER.convertValue(subject, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
        }
        if (actor != null && actor != subject) {
            line.put("by", Map.of("pid", actor.pid(), "host", actor.host(), "user", actor.user()));
        }
        if (detail != null) line.put("detail", detail);
        byte[] bytes = (LockJson.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            return null;
        } catch (IOException e) {
            return "could not append to " + file + ": " + e.getMessage();
        }
    }
}
