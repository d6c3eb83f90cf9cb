package parkwait.parse;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * New and old fastpass (priority) files (DESIGN 4.3). Rows for the same (entity, observed_at)
 * collapse to the last valid one in file order, so the file's rows are held until its end.
 */
final class PriorityParser {
    private static final int SOLD_OUT = 8888;
    private final FileKind kind;
    private final ZoneId zone;
    private final ParseStats stats;
    // Column positions: FATTID, FDAY, FMONTH, FYEAR, FHOUR, FMIN, FWINHR, FWINMIN (-1: absent)
    private final int[] col = {0, 1, 2, 3, 4, 5, 6, 7};
    private static final String[] NAMES = {"fattid", "fday", "fmonth", "fyear", "fhour", "fmin", "fwinhr", "fwinmin"};
    private static final int ATT = 0, DAY = 1, MONTH = 2, YEAR = 3, HOUR = 4, MIN = 5, WINHR = 6, WINMIN = 7;

    PriorityParser(FileKind kind, ZoneId zone, ParseStats stats) {
        this.kind = kind;
        this.zone = zone;
        this.stats = stats;
    }

    void parse(CsvReader csv, Consumer<FactRow> sink) throws IOException {
        boolean headerMissing = false;
        if (kind == FileKind.OLD_FASTPASS) {
            if (csv.next() == null) return; // DESIGN 4.3: the first record is skipped, whatever it holds
        } else {
            List<String> header = Parser.firstNonBlank(csv);
            if (header == null) return;
            java.util.Arrays.fill(col, -1);
            for (int i = 0; i < header.size(); i++) {
                String name = Cells.trim(header.get(i)).toLowerCase(Locale.ROOT);
                for (int c = 0; c < NAMES.length; c++) if (col[c] < 0 && NAMES[c].equals(name)) col[c] = i;
            }
            for (int c : new int[] {ATT, DAY, MONTH, YEAR, HOUR, WINHR}) headerMissing |= col[c] < 0;
        }
        int needed = Math.max(Math.max(Math.max(col[ATT], col[DAY]), Math.max(col[MONTH], col[YEAR])), Math.max(col[HOUR], col[WINHR]));
        Map<String, FactRow> last = new LinkedHashMap<>();
        for (List<String> r = csv.next(); r != null; r = csv.next()) {
            if (CsvReader.isBlank(r)) continue;
            stats.seen();
            if (headerMissing) {
                stats.reject(Reject.MISSING_FIELD);
                continue;
            }
            if (r.size() <= needed) {
                stats.reject(Reject.SHORT_ROW);
                continue;
            }
            FactRow row = row(r);
            if (row != null) {
                String key = row.entityCode() + '|' + row.observedAt();
                last.remove(key); // the last row in file order wins, and takes its place in the order
                last.put(key, row);
            }
        }
        last.values().forEach(sink);
    }

    /** One row, or null after counting why it was rejected (first defect in DESIGN's order). */
    private FactRow row(List<String> r) {
        String rawEntity = Cells.trim(r.get(col[ATT]));
        if (rawEntity.isEmpty()) return reject(Reject.MISSING_FIELD);
        String entity = Cells.entityCode(rawEntity);
        if (entity == null) return reject(Reject.BAD_ENTITY_CODE);

        long[] date = new long[3];
        for (int k = 0; k < 3; k++) {
            String cell = Cells.trim(r.get(col[DAY + k]));
            if (cell.isEmpty()) return reject(Reject.MISSING_FIELD);
            date[k] = Cells.number(cell, true);
            if (date[k] == Cells.NOT_A_NUMBER || date[k] == Cells.NOT_INTEGRAL) return reject(Reject.BAD_NUMBER);
        }
        long[] observed = clock(r, HOUR, MIN, false);
        if (observed == null) return null;
        LocalDateTime obs = Times.dateTime(date[2], date[1], date[0], observed[0], observed[1], 0);
        if (obs == null) return reject(Reject.BAD_DATE);

        long[] ret = clock(r, WINHR, WINMIN, true);
        if (ret == null) return null;
        int minutes;
        if (ret[0] == SOLD_OUT) {
            minutes = SOLD_OUT;
        } else {
            LocalDateTime back = Times.dateTime(date[2], date[1], date[0], ret[0], ret[1], 0);
            if (back == null) return reject(Reject.BAD_DATE);
            // DESIGN 4.3: a return more than 15 minutes before the observation is on the next day.
            if (back.isBefore(obs.minusMinutes(15))) back = back.plusDays(1);
            long diff = ChronoUnit.MINUTES.between(obs, back); // wall clock, also on DST days
            if (diff < -100 || diff > 2000) return reject(Reject.OUT_OF_RANGE);
            minutes = (int) diff;
        }
        Times.Local t = Times.localize(obs, zone);
        return new FactRow(entity, t.iso(), WaitType.PRIORITY, minutes, Parks.parkCode(entity), t.parkDate(), t.epochSecond());
    }

    /**
     * Hour and minute from an hour column and its minute column: compact HHMMSS / HHMM hours in the
     * new format (their minute column is then not read), plain in the old. For the return column,
     * a raw value in 8000..9999 is the sold-out sentinel, returned as {8888, 0}. Null after a reject.
     */
    private long[] clock(List<String> r, int hourCol, int minCol, boolean isReturn) {
        String cell = Cells.trim(r.get(col[hourCol]));
        if (cell.isEmpty()) return reject(Reject.MISSING_FIELD);
        long v = Cells.number(cell, true);
        if (v == Cells.NOT_A_NUMBER || v == Cells.NOT_INTEGRAL) return reject(Reject.BAD_NUMBER);
        if (isReturn && v >= 8000 && v <= 9999) return new long[] {SOLD_OUT, 0};
        if (kind == FileKind.NEW_FASTPASS && v >= 10000) return new long[] {v / 10000, v / 100 % 100};
        if (kind == FileKind.NEW_FASTPASS && v >= 100) return new long[] {v / 100, v % 100};
        long minute = 0;
        int at = col[minCol];
        if (at >= 0 && at < r.size()) {
            String m = Cells.trim(r.get(at));
            if (!m.isEmpty()) {
                minute = Cells.number(m, true);
                if (minute == Cells.NOT_A_NUMBER || minute == Cells.NOT_INTEGRAL) return reject(Reject.BAD_NUMBER);
            }
        }
        return new long[] {v, minute};
    }

    private <T> T reject(Reject reason) {
        stats.reject(reason);
        return null;
    }
}
