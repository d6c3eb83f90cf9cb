package parkwait.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Parses a hand-written file and renders its rows as {@code entity,observed_at,type,minutes,park,park_date}. */
final class Parsing {
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    final List<String> rows = new ArrayList<>();
    final ParseStats stats;

    private Parsing(FileKind kind, byte[] bytes, ZoneId zone) throws IOException {
        this.stats = Parser.parse(kind, new ByteArrayInputStream(bytes), zone, r -> rows.add(r.entityCode() + ","
                + r.observedAt() + "," + r.type() + "," + r.minutes() + "," + r.park() + "," + r.parkDate()));
    }

    static Parsing of(FileKind kind, String text, ZoneId zone) throws IOException {
        return new Parsing(kind, text.getBytes(StandardCharsets.UTF_8), zone);
    }

    static Parsing of(FileKind kind, byte[] bytes, ZoneId zone) throws IOException {
        return new Parsing(kind, bytes, zone);
    }

    static Parsing standby(String text) throws IOException {
        return of(FileKind.STANDBY, text, NEW_YORK);
    }

    static Parsing fastpass(String text) throws IOException {
        return of(FileKind.NEW_FASTPASS, text, NEW_YORK);
    }

    /** Reject counts as "reason=n" in the enum's order, for whole-value comparison. */
    String rejects() {
        StringBuilder b = new StringBuilder();
        stats.rejects().forEach((r, n) -> b.append(b.length() == 0 ? "" : " ").append(r.name()).append('=').append(n));
        return b.toString();
    }
}
