package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {
    private static String stamp(String zone, String cell) {
        return ObservedAt.parse(cell, new Times(ZoneId.of(zone)))
                .map(s -> s.observedAt() + " " + s.parkDate() + " " + s.epochSecond())
                .orElse("BAD");
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        // plain local times, seconds, fractions dropped, a space instead of T
        "America/New_York    | 2024-01-15T10:30          | 2024-01-15T10:30:00-05:00 2024-01-15 1705332600",
        "America/New_York    | 2024-01-15 10:30:45       | 2024-01-15T10:30:45-05:00 2024-01-15 1705332645",
        "America/New_York    | 2024-01-15T10:30:45.999   | 2024-01-15T10:30:45-05:00 2024-01-15 1705332645",
        "America/New_York    | 2024-07-04T12:00          | 2024-07-04T12:00:00-04:00 2024-07-04 1720108800",
        // DESIGN 4.3: the spring-forward gap moves later by the gap
        "America/New_York    | 2024-03-10T02:30          | 2024-03-10T03:30:00-04:00 2024-03-09 1710055800",
        "America/New_York    | 2024-03-10T01:59:59       | 2024-03-10T01:59:59-05:00 2024-03-09 1710053999",
        "America/New_York    | 2024-03-10T03:00          | 2024-03-10T03:00:00-04:00 2024-03-09 1710054000",
        "America/Los_Angeles | 2024-03-10T02:15          | 2024-03-10T03:15:00-07:00 2024-03-09 1710065700",
        // DESIGN 4.3: the fall-back hour takes the earlier offset
        "America/New_York    | 2024-11-03T01:30          | 2024-11-03T01:30:00-04:00 2024-11-02 1730611800",
        "America/New_York    | 2024-11-03T02:30          | 2024-11-03T02:30:00-05:00 2024-11-02 1730619000",
        "America/Los_Angeles | 2024-11-03T01:30          | 2024-11-03T01:30:00-07:00 2024-11-02 1730622600",
        // the second 01:30 of fall-back can only be written with its offset
        "America/New_York    | 2024-11-03T01:30-05:00    | 2024-11-03T01:30:00-05:00 2024-11-02 1730615400",
        "America/Los_Angeles | 2024-11-03T09:30Z         | 2024-11-03T01:30:00-08:00 2024-11-02 1730626200",
        // offsets are converted to the property's time; all offset spellings
        "America/New_York    | 2024-01-15T15:30:00Z      | 2024-01-15T10:30:00-05:00 2024-01-15 1705332600",
        "America/New_York    | 2024-01-15T16:30+01:00    | 2024-01-15T10:30:00-05:00 2024-01-15 1705332600",
        "America/New_York    | 2024-01-15T16:30+0100     | 2024-01-15T10:30:00-05:00 2024-01-15 1705332600",
        "America/New_York    | 2024-01-15T16:30+01       | 2024-01-15T10:30:00-05:00 2024-01-15 1705332600",
        "America/New_York    | 2024-01-16T04:30+18:00    | 2024-01-15T05:30:00-05:00 2024-01-14 1705314600",
        "America/New_York    | 2024-01-14T16:30-18:00    | 2024-01-15T05:30:00-05:00 2024-01-14 1705314600",
        "Asia/Tokyo          | 2024-01-15T10:30          | 2024-01-15T10:30:00+09:00 2024-01-15 1705282200",
        "Asia/Tokyo          | 2024-01-15T01:30:00Z      | 2024-01-15T10:30:00+09:00 2024-01-15 1705282200",
        "UTC                 | 2024-01-15T10:30          | 2024-01-15T10:30:00+00:00 2024-01-15 1705314600",
        // DESIGN 4.3: park date is the previous day before 06:00
        "America/New_York    | 2024-01-15T05:59:59       | 2024-01-15T05:59:59-05:00 2024-01-14 1705316399",
        "America/New_York    | 2024-01-15T06:00          | 2024-01-15T06:00:00-05:00 2024-01-15 1705316400",
        "America/New_York    | 2024-01-01T00:00          | 2024-01-01T00:00:00-05:00 2023-12-31 1704085200",
        "America/New_York    | 2024-02-29T12:00          | 2024-02-29T12:00:00-05:00 2024-02-29 1709226000",
        "America/New_York    | 1990-01-01T12:00          | 1990-01-01T12:00:00-05:00 1990-01-01 631213200",
        "America/New_York    | 2099-12-31T12:00          | 2099-12-31T12:00:00-05:00 2099-12-31 4102419600",
        // everything else is a bad date
        "America/New_York    | 1989-12-31T12:00          | BAD",
        "America/New_York    | 2100-01-01T12:00          | BAD",
        "America/New_York    | 2023-02-29T12:00          | BAD",
        "America/New_York    | 2024-02-30T12:00          | BAD",
        "America/New_York    | 2024-04-31T12:00          | BAD",
        "America/New_York    | 2024-13-01T12:00          | BAD",
        "America/New_York    | 2024-00-10T12:00          | BAD",
        "America/New_York    | 2024-01-15T24:00          | BAD",
        "America/New_York    | 2024-01-15T23:60          | BAD",
        "America/New_York    | 2024-01-15T23:59:60       | BAD",
        "America/New_York    | 2024-01-15t10:30          | BAD",
        "America/New_York    | 2024-01-15T10:30z         | BAD",
        "America/New_York    | 2024-01-15T10:30 Z        | BAD",
        "America/New_York    | 2024-01-15  10:30         | BAD",
        "America/New_York    | 2024-01-15T10:30:45.      | BAD",
        "America/New_York    | 2024-01-15T10:30.5        | BAD",
        "America/New_York    | 2024-01-15T10:30+18:01    | BAD",
        "America/New_York    | 2024-01-15T10:30+19       | BAD",
        "America/New_York    | 2024-01-15T10:30+01:60    | BAD",
        "America/New_York    | 2024-01-15T10:30+1        | BAD",
        "America/New_York    | 2024-01-15T10:30+01:0     | BAD",
        "America/New_York    | 2024-1-15T10:30           | BAD",
        "America/New_York    | 2024-01-15T9:30           | BAD",
        "America/New_York    | 2024/01/15 10:30          | BAD",
        "America/New_York    | 2024-01-15                | BAD",
        "America/New_York    | 2024-01-15T10:30:45:00    | BAD",
        "America/New_York    | 01/15/2024 10:30          | BAD",
        "America/New_York    | 2024-01-15T10:30:4５      | BAD",
    })
    void observedAtFollowsTheStandbyGrammarAndLocalizes(String zone, String cell, String expected) {
        assertEquals(expected, stamp(zone, cell));
    }

    @Test
    void sameInstantWrittenLocallyAndWithAnOffsetGivesTheSameStamp() {
        Times times = new Times(ZoneId.of("America/Los_Angeles"));
        assertEquals(times.local(LocalDateTime.of(2024, 7, 1, 9, 0)),
                times.withOffset(LocalDateTime.of(2024, 7, 1, 16, 0), ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"America/New_York", "America/Los_Angeles", "Asia/Tokyo", "America/St_Johns", "Australia/Lord_Howe"})
    void cachedOffsetsGiveTheSameAnswerAsZonedDateTimeAcrossTwoYears(String zoneName) {
        // Walks every 7 minutes over two years (DST both ways; St John's changes mid-UTC-hour,
        // Lord Howe by 30 minutes) against java.time's own answer, local times and instants.
        ZoneId zone = ZoneId.of(zoneName);
        Times times = new Times(zone);
        List<String> mismatches = new ArrayList<>();
        for (LocalDateTime t = LocalDateTime.of(2023, 1, 1, 0, 0); t.getYear() < 2025; t = t.plusMinutes(7)) {
            var z = t.atZone(zone);
            String expected = Times.format(z.toLocalDateTime(), z.getOffset()) + " "
                    + Times.parkDate(z.toLocalDateTime()) + " " + z.toEpochSecond();
            Times.Stamp local = times.local(t);
            Times.Stamp instant = times.atInstant(t.toEpochSecond(ZoneOffset.UTC));
            var u = t.atOffset(ZoneOffset.UTC).atZoneSameInstant(zone);
            String expectedInstant = Times.format(u.toLocalDateTime(), u.getOffset()) + " "
                    + Times.parkDate(u.toLocalDateTime()) + " " + u.toEpochSecond();
            if (!show(local).equals(expected)) mismatches.add(t + " local: " + show(local) + " != " + expected);
            if (!show(instant).equals(expectedInstant)) mismatches.add(t + "Z: " + show(instant) + " != " + expectedInstant);
        }
        assertEquals(List.of(), mismatches.subList(0, Math.min(5, mismatches.size())));
    }

    private static String show(Times.Stamp s) {
        return s.observedAt() + " " + s.parkDate() + " " + s.epochSecond();
    }

    @Test
    void parkDateIsThePreviousDayBeforeSix() {
        assertEquals(LocalDate.of(2024, 1, 14), Times.parkDate(LocalDateTime.of(2024, 1, 15, 5, 59)));
        assertEquals(LocalDate.of(2024, 1, 15), Times.parkDate(LocalDateTime.of(2024, 1, 15, 6, 0)));
    }

    @Test
    void formatNeverWritesZ() {
        assertEquals("2024-01-15T10:30:00+00:00",
                Times.format(LocalDateTime.of(2024, 1, 15, 10, 30), ZoneOffset.UTC));
        assertEquals("2024-01-15T10:30:05+09:00",
                Times.format(LocalDateTime.of(2024, 1, 15, 10, 30, 5), ZoneOffset.ofHours(9)));
    }
}
