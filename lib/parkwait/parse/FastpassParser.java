package parkwait.parse;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Priority (fastpass) exports, new and old formats (DESIGN 4.3). Rows are buffered per file
 * (compactly, see {@link PriorityBuffer}) because several rows for the same (entity,
 * observed_at) collapse to the last valid one; the winners reach the sink, in the order of their
 * position in the file, once the whole file is read.
 */
final class FastpassParser {
    private static final String[] NAMES = {
        "FATTID", "FDAY", "FMONTH", "FYEAR", "FHOUR", "FMIN", "FWINHR", "FWINMIN"
    };
    // DESIGN 4.3: FMIN and FWINMIN are optional in both formats (absent or empty = 0).
    private static final boolean[] REQUIRED = {true, true, true, true, true, false, true, false};
    private static final int ID = 0, DAY = 1, MONTH = 2, YEAR = 3, HOUR = 4, MIN = 5, WINHR = 6, WINMIN = 7;
    private static final long SOLD_OUT = 8888;
    private static final long MISSING = Long.MIN_VALUE + 1;  // distinct from Numbers.BAD

    private final boolean old;
    private final Times times;
    private final ParseStats stats = new ParseStats();
    private final EntityCodes entities = new EntityCodes();
    private final PriorityBuffer winners = new PriorityBuffer();
    private CsvReader reader;

    /** @param old true for the old positional format (no header, first record skipped, no compact hours) */
    FastpassParser(boolean old, Times times) {
        this.old = old;
        this.times = times;
    }

    ParseStats parse(CsvReader r, Consumer<FactRow> sink) throws IOException {
        this.reader = r;
        if (!Parser.skipToFirstRecord(r)) return stats;
        // DESIGN 4.3: old files skip their first record and have the 8 columns by position.
        Columns cols = old ? Columns.positional(REQUIRED) : Columns.fromHeader(r, NAMES, REQUIRED);
        while (r.next()) {
            if (r.isBlank()) continue;
            stats.seen();
            row(r, cols);
        }
        winners.drain(times, sink, stats);
        return stats;
    }

    /** Buffers one record's row, or counts its first defect (DESIGN 4.3's order) and returns false. */
    private boolean row(CsvReader r, Columns cols) {
        if (r.size() < cols.needed) return reject(Reject.SHORT_ROW);
        if (cols.requiredMissing) return reject(Reject.MISSING_FIELD);
        int[] c = cols.index;
        if (r.trimStart(c[ID]) >= r.trimEnd(c[ID])) return reject(Reject.MISSING_FIELD);
        EntityCodes.Entity entity = entities.of(r, c[ID]);
        if (entity == null) return reject(Reject.BAD_ENTITY_CODE);

        // Observed time: numbers first, in column order, then whether they make a real time.
        long day = integer(r, c[DAY]);
        long month = integer(r, c[MONTH]);
        long year = integer(r, c[YEAR]);
        long hourField = integer(r, c[HOUR]);
        Reject bad = firstDefect(day, month, year, hourField);
        if (bad != null) return reject(bad);
        long hour;
        long minute;
        if (!old && hourField >= 100) {              // DESIGN 4.3: compact; FMIN is not read
            hour = hourField >= 10_000 ? hourField / 10_000 : hourField / 100;
            minute = hourField >= 10_000 ? hourField / 100 % 100 : hourField % 100;
        } else {
            hour = hourField;
            minute = optional(integer(r, c[MIN]));
            if (minute == Numbers.BAD) return reject(Reject.BAD_NUMBER);
        }
        if (!isTime(hour, minute) || !Times.isValidDate(year, month, day)) return reject(Reject.BAD_DATE);

        // Return time and the minutes it gives.
        long winHour = integer(r, c[WINHR]);
        if (winHour == MISSING) return reject(Reject.MISSING_FIELD);
        if (winHour == Numbers.BAD) return reject(Reject.BAD_NUMBER);
        long minutes;
        if (winHour >= 8000 && winHour <= 9999) {
            minutes = SOLD_OUT;                      // DESIGN 4.3: sold out; FWINMIN is not read
        } else {
            long winMinute;
            if (!old && winHour >= 100) {
                winMinute = winHour >= 10_000 ? winHour / 100 % 100 : winHour % 100;
                winHour = winHour >= 10_000 ? winHour / 10_000 : winHour / 100;
            } else {
                winMinute = optional(integer(r, c[WINMIN]));
                if (winMinute == Numbers.BAD) return reject(Reject.BAD_NUMBER);
            }
            if (!isTime(winHour, winMinute)) return reject(Reject.BAD_DATE);
            // DESIGN 4.3: wall-clock difference; the return is next day if more than 15 min before.
            minutes = (winHour * 60 + winMinute) - (hour * 60 + minute);
            if (minutes < -15) minutes += 24 * 60;
            if (minutes < -100 || minutes > 2000) return reject(Reject.OUT_OF_RANGE);
        }
        long epoch = times.epochSecond((int) year, (int) month, (int) day, (int) hour, (int) minute, 0);
        winners.add(entity, epoch, (int) minutes);
        return true;
    }

    private boolean reject(Reject reason) {
        stats.reject(reason, reader);
        return false;
    }

    /**
     * An integral number in field {@code col}: MISSING if empty, beyond the row or not in the
     * header (only optional columns can be), BAD if not an integral number.
     */
    private static long integer(CsvReader r, int col) {
        if (col < 0 || col >= r.size()) return MISSING;
        int s = r.trimStart(col);
        int e = r.trimEnd(col);
        return s >= e ? MISSING : Numbers.integral(r.chars(), s, e);
    }

    private static long optional(long value) {
        return value == MISSING ? 0 : value;
    }

    private static Reject firstDefect(long... values) {
        for (long v : values) {
            if (v == MISSING) return Reject.MISSING_FIELD;
            if (v == Numbers.BAD) return Reject.BAD_NUMBER;
        }
        return null;
    }

    private static boolean isTime(long hour, long minute) {
        return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59;
    }
}
