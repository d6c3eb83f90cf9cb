package parkwait.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;

/** Rows of the predecessor's 4-column files. */
class FourColumnRowsTest {
    static final Map<String, ZoneId> ZONES = Map.of("wdw", ZoneId.of("America/New_York"), "ush", ZoneId.of("America/Los_Angeles"),
            "tdr", ZoneId.of("Asia/Tokyo"), "dlr", ZoneId.of("America/Los_Angeles"), "uor", ZoneId.of("America/New_York"));

    @Test
    void readsHeaderInAnyOrderConvertsToThePropertysTimeAndKeepsBadRowsAside() throws Exception {
        String csv = """
                WAIT_TIME_MINUTES,entity_code,observed_at,wait_time_type
                30.0,mk01,2024-01-15T10:30:00-05:00,posted
                20,USH7,2024-01-16T08:30:00-05:00,POSTED
                5,ZZ9,2024-01-16T08:30:00+01:00,ACTUAL

                10,MK1,noon,POSTED
                7.5,MK1,2024-01-15T10:30:00-05:00,POSTED
                1,MK1
                """;
        List<String> rows = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        ParseStats stats = new ParseStats();
        new FourColumnRows(ZONES).readCsv(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), stats,
                r -> rows.add(line(r)), (n, reason, cells) -> bad.add(n + " " + reason + " " + String.join("|", cells)));
        assertEquals(List.of(
                "MK01,2024-01-15T10:30:00-05:00,POSTED,30 mk 2024-01-15",
                "USH7,2024-01-16T05:30:00-08:00,POSTED,20 uh 2024-01-15",
                "ZZ9,2024-01-16T08:30:00+01:00,ACTUAL,5 zz 2024-01-16"), rows);
        assertEquals(List.of(
                "6 BAD_DATE 10|MK1|noon|POSTED",
                "7 BAD_NUMBER 7.5|MK1|2024-01-15T10:30:00-05:00|POSTED",
                "8 SHORT_ROW 1|MK1"), bad);
        assertEquals(6, stats.recordsSeen());
    }

    @Test
    void withoutHeaderTheColumnsAreInOrder() throws Exception {
        List<String> rows = new ArrayList<>();
        new FourColumnRows(ZONES).readCsv(new ByteArrayInputStream("TDL5,2024-03-01T09:00:00+09:00,PRIORITY,8888\r\n"
                .getBytes(StandardCharsets.UTF_8)), new ParseStats(), r -> rows.add(line(r)), (n, reason, cells) -> { });
        assertEquals(List.of("TDL5,2024-03-01T09:00:00+09:00,PRIORITY,8888 tdl 2024-03-01"), rows);
    }

    static String line(FactRow r) {
        return r.entityCode() + "," + r.observedAt() + "," + r.type() + "," + r.minutes() + " " + r.park() + " " + r.parkDate();
    }
}
