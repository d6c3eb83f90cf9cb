package parkwait.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import parkwait.parse.CsvReader;
import parkwait.parse.FactRow;
import parkwait.parse.Numbers;
import parkwait.parse.ObservedAt;
import parkwait.parse.ParseStats;
import parkwait.parse.Parks;
import parkwait.parse.Reject;
import parkwait.parse.Times;
import parkwait.parse.WaitType;

/**
 * Rows in the 4-column fact format ({@code entity_code,observed_at,wait_time_type,wait_time_minutes}),
 * as the predecessor wrote them in its fact CSVs, its dedupe keys and its staged files.
 *
 * <p>{@code observed_at} is converted to the local time of the park's property (DESIGN 4.3), so
 * that the same instant written by the predecessor and by us is one row (the predecessor put
 * {@code ush} in New York). A park of no known property keeps the offset it was written with.
 * Minutes are kept as written (integral; {@code 30.0} is 30): the predecessor's rows are not
 * judged again by our ranges. One instance per import, used by one thread.
 */
final class FourColumnRows {
    // The properties of the parks of DESIGN 4.3's table.
    private static final Map<String, String> PROPERTY_OF_PARK = Map.ofEntries(
            Map.entry("mk", "wdw"), Map.entry("ep", "wdw"), Map.entry("hs", "wdw"), Map.entry("ak", "wdw"),
            Map.entry("bb", "wdw"), Map.entry("tl", "wdw"), Map.entry("dl", "dlr"), Map.entry("ca", "dlr"),
            Map.entry("tdl", "tdr"), Map.entry("tds", "tdr"), Map.entry("ia", "uor"), Map.entry("uf", "uor"),
            Map.entry("eu", "uor"), Map.entry("uh", "ush"));
    private static final String[] COLUMNS = {"entity_code", "observed_at", "wait_time_type", "wait_time_minutes"};

    /** A row that could not be read, with the reason; the caller keeps it (nothing on disk is lost). */
    interface Skipped {
        void skipped(long line, Reject reason, String[] cells) throws IOException;
    }

    private final Map<String, ZoneId> zones;
    private final Map<ZoneId, Times> times = new HashMap<>();

    FourColumnRows(Map<String, ZoneId> zones) {
        this.zones = zones;
    }

    /** The row the four cells make, or the reason it is bad; counts it in {@code stats}. */
    Result row(String entity, String observed, String type, String minutes, ParseStats stats) {
        stats.seen();
        Optional<String> code = Parks.entityCode(trim(entity));
        if (code.isEmpty()) return bad(Reject.BAD_ENTITY_CODE, stats);
        String park = Parks.parkCode(code.get());
        String at = trim(observed);
        if (at.isEmpty()) return bad(Reject.MISSING_FIELD, stats);
        Times.Stamp stamp = stamp(park, at);
        if (stamp == null) return bad(Reject.BAD_DATE, stats);
        WaitType waitType;
        try {
            waitType = WaitType.valueOf(trim(type).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return bad(Reject.MISSING_FIELD, stats);
        }
        String m = trim(minutes);
        if (m.isEmpty()) return bad(Reject.MISSING_FIELD, stats);
        long value = Numbers.integral(m);
        if (value == Numbers.BAD) return bad(Reject.BAD_NUMBER, stats);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) return bad(Reject.OUT_OF_RANGE, stats);
        stats.emitted();
        return new Result(new FactRow(code.get(), stamp.observedAt(), waitType, (int) value, park, stamp.parkDate(),
                stamp.epochSecond()), null);
    }

    /**
     * Reads a 4-column CSV: a header (matched by name, any order, any case) if its first record
     * names {@code entity_code}, else the four columns in order. Blank lines are skipped.
     */
    void readCsv(InputStream in, ParseStats stats, Consumer<FactRow> rows, Skipped skipped) throws IOException {
        try (CsvReader csv = new CsvReader(in)) {
            int[] col = {0, 1, 2, 3};
            boolean first = true;
            while (csv.next()) {
                if (csv.isBlank()) continue;
                if (first) {
                    first = false;
                    int[] named = header(csv);
                    if (named != null) {
                        col = named;
                        continue;
                    }
                }
                String[] cells = new String[4];
                boolean shortRow = false;
                for (int i = 0; i < 4; i++) {
                    if (col[i] < 0 || col[i] >= csv.size()) shortRow = true;
                    else cells[i] = csv.field(col[i]);
                }
                if (shortRow) {
                    stats.seen();
                    stats.reject(Reject.SHORT_ROW);
                    skipped.skipped(csv.recordNumber(), Reject.SHORT_ROW, all(csv));
                    continue;
                }
                Result r = row(cells[0], cells[1], cells[2], cells[3], stats);
                if (r.row() != null) rows.accept(r.row());
                else skipped.skipped(csv.recordNumber(), r.reject(), all(csv));
            }
        }
    }

    /** The outcome for one row: a row, or why there is none. */
    record Result(FactRow row, Reject reject) {
    }

    private Times.Stamp stamp(String park, String at) {
        String property = PROPERTY_OF_PARK.get(park);
        ZoneId zone = property == null ? null : zones.get(property);
        if (zone == null) {
            try {
                zone = OffsetDateTime.parse(at.replace(' ', 'T')).getOffset();
            } catch (DateTimeException e) {
                return null; // no property and no offset: the local time means nothing
            }
        }
        return ObservedAt.parse(at, times.computeIfAbsent(zone, Times::new)).orElse(null);
    }

    private static int[] header(CsvReader csv) {
        int[] col = {-1, -1, -1, -1};
        boolean any = false;
        for (int i = 0; i < csv.size(); i++) {
            String name = csv.trimmed(i).toLowerCase(Locale.ROOT);
            for (int c = 0; c < COLUMNS.length; c++) {
                if (COLUMNS[c].equals(name) && col[c] < 0) {
                    col[c] = i;
                    any = true;
                }
            }
        }
        return any && col[0] >= 0 ? col : null;
    }

    private static String[] all(CsvReader csv) {
        String[] cells = new String[csv.size()];
        for (int i = 0; i < cells.length; i++) cells[i] = csv.field(i);
        return cells;
    }

    private static Result bad(Reject reason, ParseStats stats) {
        stats.reject(reason);
        return new Result(null, reason);
    }

    private static String trim(String s) {
        if (s == null) return "";
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) b++;
        while (e > b && isSpace(s.charAt(e - 1))) e--;
        return s.substring(b, e);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == '\f';
    }
}
