package parkwait.parse;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Properties, their time zones, and park codes (DESIGN 4.3). */
public final class Parks {
    private static final Set<String> PROPERTIES = Set.of("wdw", "dlr", "uor", "ush", "tdr");
    private static final Map<String, String> PARK_CODES = Map.ofEntries(Map.entry("MK", "mk"), Map.entry("EP", "ep"),
            Map.entry("HS", "hs"), Map.entry("AK", "ak"), Map.entry("BB", "bb"), Map.entry("TL", "tl"),
            Map.entry("DL", "dl"), Map.entry("CA", "ca"), Map.entry("TDL", "tdl"), Map.entry("TDS", "tds"),
            Map.entry("IA", "ia"), Map.entry("UF", "uf"), Map.entry("EU", "eu"), Map.entry("USH", "uh"));

    private Parks() {
    }

    /** The property of a key: the folder after {@code wait_times/} or {@code fastpass_times/}. */
    public static Optional<String> propertyOfKey(String key) {
        String[] parts = key.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            if (p.equals("wait_times") || p.equals("fastpass_times")) {
                String prop = parts[i + 1].toLowerCase(Locale.ROOT);
                return PROPERTIES.contains(prop) && i + 2 < parts.length ? Optional.of(prop) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The default zone of a property. DESIGN 4.3: ush is Universal Studios Hollywood, in Los Angeles. */
    public static ZoneId defaultZone(String property) {
        return switch (property) {
            case "wdw", "uor" -> ZoneId.of("America/New_York");
            case "dlr", "ush" -> ZoneId.of("America/Los_Angeles");
            case "tdr" -> ZoneId.of("Asia/Tokyo");
            default -> throw new IllegalArgumentException("unknown property " + property);
        };
    }

    /** The park of a valid entity code: its letters before the first digit, mapped or lower-cased. */
    public static String parkCode(String entityCode) {
        int i = 0;
        while (i < entityCode.length() && !Character.isDigit(entityCode.charAt(i))) i++;
        String letters = entityCode.substring(0, i);
        String mapped = PARK_CODES.get(letters);
        return mapped != null ? mapped : letters.toLowerCase(Locale.ROOT);
    }
}
