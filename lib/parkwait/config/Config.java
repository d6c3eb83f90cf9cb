package parkwait.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code config/config.json} (DESIGN 5): the predecessor's keys plus ours. Unknown keys and bad
 * values are rejected with the key's name and what is allowed; command-line options override.
 */
public record Config(String outputBase, String s3Bucket, List<String> defaultProps, int chunksize, int sampleK,
                     String logLevel, int lockStaleAfterMinutes, int lockHungAfterHours, int heartbeatSeconds,
                     Map<String, ZoneId> zones, int maxFailures, int skipFailedOlderThanDays, String journalMode,
                     String region, String endpointUrl, boolean pathStyle, String lockUrl) {

    public static final List<String> ALL_PROPS = List.of("wdw", "dlr", "uor", "ush", "tdr");
    private static final Set<String> LOG_LEVELS = Set.of("DEBUG", "INFO", "WARNING", "WARN", "ERROR");

    /** The defaults used when there is no file or a key is absent. */
    public static Config defaults() {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        zones.put("wdw", ZoneId.of("America/New_York"));
        zones.put("uor", ZoneId.of("America/New_York"));
        zones.put("dlr", ZoneId.of("America/Los_Angeles"));
        zones.put("ush", ZoneId.of("America/Los_Angeles"));
        zones.put("tdr", ZoneId.of("Asia/Tokyo"));
        return new Config(null, "touringplans_stats", ALL_PROPS, 100_000, 1000, "INFO", 10, 6, 30, zones, 3, 600,
                "delete", null, null, false, null);
    }

    /** Reads and validates a config file. */
    public static Config load(Path file) {
        JsonNode root;
        try {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
            // Notepad saves UTF-8 with a byte order mark; it is not part of the JSON.
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            // Text after the object (a second object, a pasted fragment) is refused, not ignored.
            root = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(text);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("The config file " + file + " does not exist. Create it or drop --config.");
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            var at = e.getLocation();
            throw new ConfigException("The config file " + file + " has text after its JSON object ends"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ". Remove it: the file must hold exactly one JSON object.");
        } catch (IOException e) {
            throw new ConfigException("The config file " + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) throw new ConfigException("The config file " + file + " must hold a JSON object.");
        return fromJson(root, file.toString());
    }

    static Config fromJson(JsonNode root, String where) {
        Config d = defaults();
        ConfigReader r = new ConfigReader(root, where);
        List<String> props = r.stringList("default_props", d.defaultProps);
        if (props.isEmpty()) throw r.bad("default_props", root.get("default_props").toString(), "at least one of " + ALL_PROPS);
        for (String p : props) {
            if (!ALL_PROPS.contains(p)) throw r.bad("default_props", "an unknown property \"" + p + "\"", "any of " + ALL_PROPS);
        }
        Map<String, ZoneId> zones = new LinkedHashMap<>(d.zones);
        JsonNode z = root.get("zones");
        if (z != null) {
            if (!z.isObject()) throw r.bad("zones", z.toString(), "an object like {\"ush\": \"America/Los_Angeles\"}");
            for (var it = z.properties().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!ALL_PROPS.contains(e.getKey())) throw r.bad("zones", "an unknown property \"" + e.getKey() + "\"", "any of " + ALL_PROPS);
                try {
                    zones.put(e.getKey(), ZoneId.of(e.getValue().asText()));
                } catch (RuntimeException ex) {
                    throw r.bad("zones." + e.getKey(), e.getValue().toString(), "an IANA zone such as America/New_York");
                }
            }
        }
        String level = r.string("log_level", d.logLevel).toUpperCase(java.util.Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) throw r.bad("log_level", level, "one of " + LOG_LEVELS);
        String journal = r.string("journal_mode", d.journalMode).toLowerCase(java.util.Locale.ROOT);
        if (!journal.equals("delete") && !journal.equals("wal")) {
            throw r.bad("journal_mode", journal, "\"delete\" (default, safe in a Dropbox folder) or \"wal\" (local disks only)");
        }
        String outputBase = r.string("output_base", null);
        if (outputBase != null && outputBase.isBlank()) {
            throw r.bad("output_base", "\"" + outputBase + "\"", "a folder path such as \"out\" or \"D:/waits\" (or leave the key out for <project>/out)");
        }
        Config c = new Config(outputBase, r.string("s3_bucket", d.s3Bucket), props,
                r.intIn("chunksize", d.chunksize, 1, 10_000_000), r.intIn("sample_k", d.sampleK, 0, 1_000_000), level,
                r.intIn("lock_stale_after_minutes", d.lockStaleAfterMinutes, 2, 24 * 60),
                r.intIn("lock_hung_after_hours", d.lockHungAfterHours, 1, 24 * 30),
                r.intIn("heartbeat_seconds", d.heartbeatSeconds, 1, 600), zones,
                r.intIn("max_failures", d.maxFailures, 1, 1000),
                r.intIn("skip_failed_older_than_days", d.skipFailedOlderThanDays, 0, 100_000), journal,
                r.string("region", null), r.string("endpoint_url", null), r.bool("path_style", false),
                r.string("lock_url", null));
        r.rejectUnknown();
        return c;
    }

    /** Every key this file may hold. */
    static final List<String> KEYS = List.of("output_base", "s3_bucket", "default_props", "chunksize", "sample_k",
            "log_level", "lock_stale_after_minutes", "lock_hung_after_hours", "heartbeat_seconds", "zones",
            "max_failures", "skip_failed_older_than_days", "journal_mode", "region", "endpoint_url", "path_style",
            "lock_url");

    /** Reads typed values and remembers which keys were seen. */
    private static final class ConfigReader {
        private final JsonNode root;
        private final String where;

        ConfigReader(JsonNode root, String where) {
            this.root = root;
            this.where = where;
        }

        String string(String key, String dflt) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            if (!n.isTextual()) throw bad(key, n.toString(), "a string");
            return n.asText();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            if (!n.isBoolean()) throw bad(key, n.toString(), "true or false");
            return n.asBoolean();
        }

        int intIn(String key, int dflt, int min, int max) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < min || n.asInt() > max) {
                throw bad(key, n.toString(), "a whole number from " + min + " to " + max);
            }
            return n.asInt();
        }

        List<String> stringList(String key, List<String> dflt) {
            JsonNode n = root.get(key);
            if (n == null || n.isNull()) return dflt;
            List<String> out = new ArrayList<>();
            if (n.isTextual()) {
                for (String s : n.asText().split(",")) if (!s.isBlank()) out.add(s.trim().toLowerCase(java.util.Locale.ROOT));
            } else if (n.isArray()) {
                for (JsonNode e : n) out.add(e.asText().trim().toLowerCase(java.util.Locale.ROOT));
            } else {
                throw bad(key, n.toString(), "a list such as [\"wdw\", \"dlr\"]");
            }
            return List.copyOf(out);
        }

        void rejectUnknown() {
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!KEYS.contains(k)) {
                    throw new ConfigException("Unknown key \"" + k + "\" in " + where + ". Allowed keys: " + String.join(", ", KEYS) + ".");
                }
            }
        }

        ConfigException bad(String key, String value, String allowed) {
            return new ConfigException("Bad value for \"" + key + "\" in " + where + ": " + value + ". Allowed: " + allowed + ".");
        }
    }
}
