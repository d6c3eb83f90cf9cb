package parkwait.parse;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Properties, their zones, entity codes and park codes (DESIGN 4.1, 4.3). */
public final class Parks {
    /** The properties the bucket holds (DESIGN 4.1). */
    public static final Set<String> PROPERTIES = Set.of("wdw", "dlr", "uor", "ush", "tdr");

    // DESIGN 4.3: the park-code table; any other prefix is lower-cased. Only USH differs from
    // plain lower-casing, but the table is kept whole so it can be checked against DESIGN.
    private static final Map<String, String> PARK_CODES = Map.ofEntries(
            Map.entry("MK", "mk"), Map.entry("EP", "ep"), Map.entry("HS", "hs"),
            Map.entry("AK", "ak"), Map.entry("BB", "bb"), Map.entry("TL", "tl"),
            Map.entry("DL", "dl"), Map.entry("CA", "ca"), Map.entry("TDL", "tdl"),
            Map.entry("TDS", "tds"), Map.entry("IA", "ia"), Map.entry("UF", "uf"),
            Map.entry("EU", "eu"), Map.entry("USH", "uh"));

    private static final String[] TREES = {"wait_times/", "fastpass_times/"};

    private Parks() {
    }

    /**
     * The property of a key: the path segment right after {@code wait_times/} or
     * {@code fastpass_times/} (matched case-insensitively), lower-cased, if it is one of
     * {@link #PROPERTIES}; empty otherwise.
     */
    public static Optional<String> propertyOfKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (String tree : TREES) {
            int at = k.indexOf(tree);
            if (at < 0) continue;
            int from = at + tree.length();
            int slash = k.indexOf('/', from);
            if (slash < 0) return Optional.empty();     // the segment must be a folder
            String property = k.substring(from, slash);
            return PROPERTIES.contains(property) ? Optional.of(property) : Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The default zone of a property (DESIGN 4.3): wdw, uor New York; dlr, ush Los Angeles
     * (the predecessor wrongly used New York for ush); tdr Tokyo.
     *
     * @throws IllegalArgumentException for a name that is not a property
     */
    public static ZoneId defaultZone(String property) {
        return switch (property.toLowerCase(Locale.ROOT)) {
            case "wdw", "uor" -> ZoneId.of("America/New_York");
            case "dlr", "ush" -> ZoneId.of("America/Los_Angeles");
            case "tdr" -> ZoneId.of("Asia/Tokyo");
            default -> throw new IllegalArgumentException("Unknown property \"" + property
                    + "\": expected one of wdw, dlr, uor, ush, tdr.");
        };
    }

    /**
     * The park code of an entity code: its letters before the first digit, mapped by DESIGN
     * 4.3's table ({@code USH} -> {@code uh}), other prefixes lower-cased.
     */
    public static String parkCode(String entityCode) {
        int end = 0;
        while (end < entityCode.length() && !isAsciiDigit(entityCode.charAt(end))) end++;
        String prefix = entityCode.substring(0, end).toUpperCase(Locale.ROOT);
        String mapped = PARK_CODES.get(prefix);
        return mapped != null ? mapped : prefix.toLowerCase(Locale.ROOT);
    }

    /**
     * Normalizes a trimmed entity-code cell (DESIGN 4.3): ASCII {@code a-z} upper-cased, any
     * other character kept; valid only as {@code ^[A-Z]{1,5}[0-9]+$}. Empty if invalid.
     */
    public static Optional<String> entityCode(String cell) {
        int n = cell.length();
        char[] out = new char[n];
        int letters = 0;
        while (letters < n) {
            char c = cell.charAt(letters);
            if (c >= 'a' && c <= 'z') c = (char) (c - 32);
            if (c < 'A' || c > 'Z') break;
            out[letters++] = c;
        }
        if (letters < 1 || letters > 5 || letters == n) return Optional.empty();
        for (int i = letters; i < n; i++) {
            char c = cell.charAt(i);
            if (!isAsciiDigit(c)) return Optional.empty();
            out[i] = c;
        }
        return Optional.of(new String(out));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
