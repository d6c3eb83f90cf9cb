package parkwait.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import parkwait.store.ImportedFile;

/**
 * The predecessor's {@code state/processed_files.json}, read leniently (DESIGN 4.7): an object
 * keyed by S3 key whose values hold {@code etag}, {@code size}, {@code last_modified} (names in
 * any case, with or without underscores: {@code ETag}, {@code LastModified}, {@code Size}), or a
 * list of keys, or a list of objects that carry their key. ETags lose their surrounding quotes
 * (S3 and boto3 quote them; our listings do not). A date without an offset is taken as UTC, as
 * S3 reports them. What is missing stays null.
 */
final class ProcessedFilesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProcessedFilesJson() {
    }

    /** The entries of the file; unusable entries are left out and counted in {@code skipped[0]}. */
    static List<ImportedFile> read(Path file, int[] skipped) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        List<ImportedFile> out = new ArrayList<>();
        if (root == null) return out;
        if (root.isObject()) {
            for (Map.Entry<String, JsonNode> e : root.properties()) {
                add(out, e.getKey(), e.getValue(), skipped);
            }
        } else if (root.isArray()) {
            for (JsonNode item : root) {
                if (item.isTextual()) add(out, item.asText(), null, skipped);
                else if (item.isObject()) add(out, text(field(item, "key", "s3key", "name", "path")), item, skipped);
                else skipped[0]++;
            }
        } else {
            throw new IOException("it is neither a JSON object nor a list");
        }
        return out;
    }

    private static void add(List<ImportedFile> out, String key, JsonNode v, int[] skipped) {
        if (key == null || key.isBlank()) {
            skipped[0]++;
            return;
        }
        if (v == null || !v.isObject()) {
            out.add(new ImportedFile(key, null, null, null, null));
            return;
        }
        out.add(new ImportedFile(key, etag(text(field(v, "etag"))), size(field(v, "size", "contentlength")),
                time(field(v, "lastmodified", "modified")), time(field(v, "processedat", "processed"))));
    }

    /** The first field whose name, lower-cased without '_' and '-', is one of {@code names}. */
    private static JsonNode field(JsonNode obj, String... names) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            String n = e.getKey().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
            for (String want : names) {
                if (n.equals(want) && !e.getValue().isNull()) return e.getValue();
            }
        }
        return null;
    }

    private static String text(JsonNode n) {
        if (n == null || !n.isValueNode()) return null;
        String s = n.asText().strip();
        return s.isEmpty() || s.equals("null") || s.equals("None") ? null : s;
    }

    private static String etag(String s) {
        if (s != null && s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) s = s.substring(1, s.length() - 1);
        return s;
    }

    private static Long size(JsonNode n) {
        if (n == null) return null;
        if (n.isIntegralNumber()) return n.asLong();
        String s = text(n);
        return s != null && s.matches("[0-9]{1,18}") ? Long.parseLong(s) : null;
    }

    /** ISO instant, ISO date-time with or without offset (space or T), RFC 1123, or epoch seconds/millis. */
    static Instant time(JsonNode n) {
        if (n == null) return null;
        if (n.isNumber()) return epoch(n.asDouble());
        String s = text(n);
        if (s == null) return null;
        String t = s.replace(' ', 'T');
        try {
            return Instant.parse(t);
        } catch (DateTimeException ignored) {
            // try the next shape
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException ignored) {
            // try the next shape
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException ignored) {
            // try the next shape
        }
        try {
            return OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeException ignored) {
            // try the next shape
        }
        return s.matches("[0-9]{9,13}(\\.[0-9]+)?") ? epoch(Double.parseDouble(s)) : null;
    }

    private static Instant epoch(double v) {
        // Seconds until the year 5138; anything bigger is milliseconds.
        return v < 1e11 ? Instant.ofEpochMilli(Math.round(v * 1000)) : Instant.ofEpochMilli((long) v);
    }
}
