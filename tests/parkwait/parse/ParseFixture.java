package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the real parser on hand-written input and renders what came out, for whole-output asserts. */
final class ParseFixture {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /** The rows as "entity,observed_at,type,minutes,park,park_date", and the stats as one line. */
    record Result(List<String> rows, String stats, Map<Reject, Long> rejects) {
    }

    private ParseFixture() {
    }

    static Result parse(FileKind kind, String text, ZoneId zone) {
        return parse(kind, text.getBytes(StandardCharsets.UTF_8), zone);
    }

    static Result parse(FileKind kind, byte[] bytes, ZoneId zone) {
        List<String> rows = new ArrayList<>();
        ParseStats stats;
        try {
            stats = Parser.parse(kind, new ByteArrayInputStream(bytes), zone, row -> rows.add(render(row)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(rows.size(), stats.rowsEmitted(), "emitted() must count the rows given to the sink");
        return new Result(rows, "seen=" + stats.recordsSeen() + " emitted=" + stats.rowsEmitted()
                + " rejects=" + stats.rejects(), stats.rejects());
    }

    static String render(FactRow row) {
        // The instant must agree with the text, so it is checked here rather than spelled out.
        assertEquals(OffsetDateTime.parse(row.observedAt()).toEpochSecond(), row.epochSecond(),
                "epochSecond of " + row);
        return row.entityCode() + "," + row.observedAt() + "," + row.type() + "," + row.minutes()
                + "," + row.park() + "," + row.parkDate();
    }
}
