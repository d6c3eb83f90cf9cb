package parkwait.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Turns one export file into clean fact rows (DESIGN 4.3). Standby files stream; priority files
 * collapse rows per (entity, observed_at) to the last one, so they hold one row per key.
 * A malformed file never throws: its good rows come out, its bad rows are counted.
 */
public final class Parser {
    private Parser() {
    }

    /**
     * Parses {@code in} as {@code kind}; rows go to {@code sink}. Throws only for I/O errors of the
     * stream itself (a download cut short), never for bad content.
     */
    public static ParseStats parse(FileKind kind, InputStream in, ZoneId zone, Consumer<FactRow> sink) throws IOException {
        CsvReader csv = new CsvReader(in);
        ParseStats stats = new ParseStats();
        Consumer<FactRow> counted = row -> {
            stats.emitted();
            sink.accept(row);
        };
        switch (kind) {
            case STANDBY -> standby(csv, zone, stats, counted);
            case NEW_FASTPASS, OLD_FASTPASS -> new PriorityParser(kind, zone, stats).parse(csv, counted);
            default -> throw new IllegalArgumentException("not a wait-time file kind: " + kind);
        }
        return stats;
    }

    private static void standby(CsvReader csv, ZoneId zone, ParseStats stats, Consumer<FactRow> sink) throws IOException {
        List<String> header = firstNonBlank(csv);
        if (header == null) return;
        int entity = -1, observed = -1, posted = -1, actual = -1;
        for (int i = 0; i < header.size(); i++) {
            switch (Cells.trim(header.get(i)).toLowerCase(Locale.ROOT)) {
                case "entity_code" -> entity = entity < 0 ? i : entity;
                case "observed_at" -> observed = observed < 0 ? i : observed;
                case "submitted_posted_time" -> posted = posted < 0 ? i : posted;
                case "submitted_actual_time" -> actual = actual < 0 ? i : actual;
                default -> { }
            }
        }
        boolean headerMissing = entity < 0 || observed < 0 || (posted < 0 && actual < 0);
        int needed = Math.max(Math.max(entity, observed), Math.max(posted, actual));
        for (List<String> r = csv.next(); r != null; r = csv.next()) {
            if (CsvReader.isBlank(r)) continue;
            stats.seen();
            if (headerMissing) {
                stats.reject(Reject.MISSING_FIELD);
            } else if (r.size() <= needed) {
                stats.reject(Reject.SHORT_ROW);
            } else {
                standbyRow(r, entity, observed, posted, actual, zone, stats, sink);
            }
        }
    }

    private static void standbyRow(List<String> r, int entityAt, int observedAt, int postedAt, int actualAt, ZoneId zone,
                                   ParseStats stats, Consumer<FactRow> sink) {
        String rawEntity = Cells.trim(r.get(entityAt));
        if (rawEntity.isEmpty()) {
            stats.reject(Reject.MISSING_FIELD);
            return;
        }
        String entity = Cells.entityCode(rawEntity);
        if (entity == null) {
            stats.reject(Reject.BAD_ENTITY_CODE);
            return;
        }
        String rawObserved = Cells.trim(r.get(observedAt));
        if (rawObserved.isEmpty()) {
            stats.reject(Reject.MISSING_FIELD);
            return;
        }
        Times.Local t = Times.parseObserved(rawObserved, zone);
        if (t == null) {
            stats.reject(Reject.BAD_DATE);
            return;
        }
        String postedCell = postedAt < 0 ? "" : Cells.trim(r.get(postedAt));
        String actualCell = actualAt < 0 ? "" : Cells.trim(r.get(actualAt));
        if (postedCell.isEmpty() && actualCell.isEmpty()) {
            stats.reject(Reject.MISSING_FIELD);
            return;
        }
        String iso = null;
        for (int k = 0; k < 2; k++) {
            String cell = k == 0 ? postedCell : actualCell;
            if (cell.isEmpty()) continue;
            long v = Cells.number(cell, false);
            if (v == Cells.NOT_A_NUMBER) {
                stats.reject(Reject.BAD_NUMBER); // DESIGN 4.3: standby values count per value
            } else if (v < 0 || v > 1000) {
                stats.reject(Reject.OUT_OF_RANGE);
            } else {
                if (iso == null) iso = t.iso();
                sink.accept(new FactRow(entity, iso, k == 0 ? WaitType.POSTED : WaitType.ACTUAL, (int) v,
                        Parks.parkCode(entity), t.parkDate(), t.epochSecond()));
            }
        }
    }

    static List<String> firstNonBlank(CsvReader csv) throws IOException {
        for (List<String> r = csv.next(); r != null; r = csv.next()) {
            if (!CsvReader.isBlank(r)) return r;
        }
        return null;
    }
}
