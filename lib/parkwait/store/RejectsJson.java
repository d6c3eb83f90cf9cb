package parkwait.store;

import java.util.EnumMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import parkwait.parse.Reject;

/**
 * Reject counts as a small JSON object keyed by the enum name, in enum order:
 * {@code {"SHORT_ROW":3,"BAD_NUMBER":1}}. Only this class writes the format, so the reader
 * accepts exactly that shape and ignores unknown names (a newer version may add reasons).
 */
final class RejectsJson {
    private static final Pattern ENTRY = Pattern.compile("\"([A-Z_]+)\"\\s*:\\s*(\\d+)");

    private RejectsJson() {
    }

    static String write(Map<Reject, Long> rejects) {
        StringBuilder json = new StringBuilder("{");
        for (Reject reason : Reject.values()) {
            long n = rejects.getOrDefault(reason, 0L);
            if (n == 0) continue;
            if (json.length() > 1) json.append(',');
            json.append('"').append(reason.name()).append("\":").append(n);
        }
        return json.append('}').toString();
    }

    static Map<Reject, Long> read(String json) {
        EnumMap<Reject, Long> rejects = new EnumMap<>(Reject.class);
        if (json == null) return rejects;
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            try {
                rejects.merge(Reject.valueOf(m.group(1)), Long.parseLong(m.group(2)), Long::sum);
            } catch (IllegalArgumentException unknownReason) {
                // written by a newer version: not ours to count
            }
        }
        return rejects;
    }
}
