package parkwait.store;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;
import parkwait.parse.WaitType;
import parkwait.source.SourceObject;

/** Builders for the store tests: fact rows, listed objects, whole loads. */
final class Facts {
    static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private Facts() {
    }

    /** A row as the parser would emit it (park from the entity's letters, park date per DESIGN 4.3). */
    static FactRow row(String entity, String observedAt, WaitType type, int minutes) {
        OffsetDateTime t = OffsetDateTime.parse(observedAt);
        String park = entity.replaceAll("[0-9].*", "").toLowerCase(Locale.ROOT);
        var date = t.getHour() < 6 ? t.toLocalDate().minusDays(1) : t.toLocalDate();
        return new FactRow(entity, observedAt, type, minutes, park, date, t.toEpochSecond());
    }

    /** A posted row of MK{n} on 2024-01-15 at 10:00 + n seconds. */
    static FactRow postedOne(int n, int minutes) {
        return row("MK" + n, ISO.format(OffsetDateTime.parse("2024-01-15T10:00:00-05:00").plusSeconds(n)),
                WaitType.POSTED, minutes);
    }

    static List<FactRow> posted(int from, int to) {
        List<FactRow> rows = new ArrayList<>();
        for (int n = from; n < to; n++) rows.add(postedOne(n, n % 120));
        return rows;
    }

    static SourceObject object(String key, String etag) {
        return new SourceObject(key, etag, 1000 + etag.length(), Instant.parse("2024-02-01T00:00:00Z"));
    }

    /** Loads {@code rows} as one file and commits. */
    static LoadResult load(Store store, SourceObject obj, long token, List<FactRow> rows) {
        try (FileLoad load = store.beginFile(obj, token, "run-test")) {
            ParseStats stats = new ParseStats();
            for (FactRow r : rows) {
                stats.seen();
                stats.emitted();
                load.add(r);
            }
            return load.commit(stats);
        }
    }

    /** Every row in the database, partition by partition, in output order. */
    static List<FactRow> allRows(Store store) {
        List<FactRow> rows = new ArrayList<>();
        for (Partition p : store.allPartitions()) store.forEachRow(p, rows::add);
        return rows;
    }

    static Path db(Path dir) {
        return dir.resolve("state").resolve("wait_times.sqlite");
    }
}
