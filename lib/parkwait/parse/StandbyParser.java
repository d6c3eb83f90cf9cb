package parkwait.parse;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Standby exports (DESIGN 4.3): a header, then one observation per record with a posted and an
 * actual wait. Streams: each row goes to the sink as soon as it is read.
 */
final class StandbyParser {
    private static final String[] NAMES = {
        "entity_code", "observed_at", "submitted_posted_time", "submitted_actual_time"
    };
    // DESIGN 4.3: all four are required; user_id is never required (nor read).
    private static final boolean[] REQUIRED = {true, true, true, true};
    private static final int ENTITY = 0, OBSERVED = 1, POSTED = 2, ACTUAL = 3;
    private static final long MIN_MINUTES = 0, MAX_MINUTES = 1000;  // DESIGN 4.3
    // README "For analysts": TouringPlans writes exactly -999 for "ride unexpectedly offline".
    private static final long OFFLINE = -999;

    private final Times times;
    private final Consumer<FactRow> sink;
    private final ParseStats stats = new ParseStats();
    private final EntityCodes entities = new EntityCodes();
    private CsvReader reader;

    StandbyParser(Times times, Consumer<FactRow> sink) {
        this.times = times;
        this.sink = sink;
    }

    ParseStats parse(CsvReader r) throws IOException {
        this.reader = r;
        if (!Parser.skipToFirstRecord(r)) return stats;
        Columns cols = Columns.fromHeader(r, NAMES, REQUIRED);
        while (r.next()) {
            if (r.isBlank()) continue;               // DESIGN 4.3: blank lines are not counted
            stats.seen();
            row(r, cols);
        }
        return stats;
    }

    /** One record; a defect is counted once, in DESIGN 4.3's order, except per-value ones. */
    private void row(CsvReader r, Columns cols) {
        if (r.size() < cols.needed) {
            reject(Reject.SHORT_ROW);
            return;
        }
        if (cols.requiredMissing) {
            reject(Reject.MISSING_FIELD);
            return;
        }
        int[] c = cols.index;
        if (isEmpty(r, c[ENTITY])) {
            reject(Reject.MISSING_FIELD);
            return;
        }
        EntityCodes.Entity entity = entities.of(r, c[ENTITY]);
        if (entity == null) {
            reject(Reject.BAD_ENTITY_CODE);
            return;
        }
        if (isEmpty(r, c[OBSERVED])) {
            reject(Reject.MISSING_FIELD);
            return;
        }
        Times.Stamp at = ObservedAt.parse(r.chars(), r.trimStart(c[OBSERVED]), r.trimEnd(c[OBSERVED]), times);
        if (at == null) {
            reject(Reject.BAD_DATE);
            return;
        }
        boolean posted = value(r, c[POSTED], entity, at, WaitType.POSTED);
        boolean actual = value(r, c[ACTUAL], entity, at, WaitType.ACTUAL);
        if (!posted && !actual) reject(Reject.MISSING_FIELD);  // neither value: row dropped
    }

    /** Emits or rejects one value; false only when the cell is empty (nothing counted). */
    private boolean value(CsvReader r, int col, EntityCodes.Entity entity, Times.Stamp at, WaitType type) {
        int s = r.trimStart(col);
        int e = r.trimEnd(col);
        if (s >= e) return false;
        long minutes = Numbers.rounded(r.chars(), s, e);  // DESIGN 4.3: round, then range
        if (minutes == Numbers.BAD) {
            reject(Reject.BAD_NUMBER);
        } else if (minutes == OFFLINE && Numbers.integral(r.chars(), s, e) == OFFLINE) {
            reject(Reject.OFFLINE);               // -999 or -999.0; -999.4 is out of range
        } else if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
            reject(Reject.OUT_OF_RANGE);
        } else {
            sink.accept(new FactRow(entity.code(), at.observedAt(), type, (int) minutes,
                    entity.park(), at.parkDate(), at.epochSecond()));
            stats.emitted();
        }
        return true;
    }

    private void reject(Reject reason) {
        stats.reject(reason, reader);
    }

    private static boolean isEmpty(CsvReader r, int col) {
        return r.trimStart(col) >= r.trimEnd(col);
    }
}
