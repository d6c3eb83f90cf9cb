package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parkwait.parse.ParseFixture.LOS_ANGELES;
import static parkwait.parse.ParseFixture.NEW_YORK;
import static parkwait.parse.ParseFixture.TOKYO;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parkwait.parse.ParseFixture.Result;

/** New fastpass files: a header, compact hours, sold out, return-time rollover, collapse. */
class FastpassParserTest {
    private static final String HEADER = "FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN\n";

    private static Result fastpass(String text, ZoneId zone) {
        return ParseFixture.parse(FileKind.NEW_FASTPASS, text, zone);
    }

    private static void assertParsed(Result actual, String stats, String... rows) {
        assertEquals(List.of(rows), actual.rows());
        assertEquals(stats, actual.stats());
    }

    /** One data row after the header, in New York on 2024-01-15 unless the row says otherwise. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // plain hour and minute columns
        "MK1,15,1,2024,10,30,11,45       | 2024-01-15T10:30:00-05:00 75",
        "MK1,15,1,2024,10,,11,           | 2024-01-15T10:00:00-05:00 60",
        "MK1,15.0,1,2024,10,30.0,11,45.0 | 2024-01-15T10:30:00-05:00 75",
        // DESIGN 4.3: compact HHMM ignores the minute column, HHMMSS ignores seconds
        "MK1,15,1,2024,1030,99,1145,77   | 2024-01-15T10:30:00-05:00 75",
        "MK1,15,1,2024,1030,x,1145,y     | 2024-01-15T10:30:00-05:00 75",
        "MK1,15,1,2024,103059,x,114501,y | 2024-01-15T10:30:00-05:00 75",
        "MK1,15,1,2024,103099,x,114599,y | 2024-01-15T10:30:00-05:00 75",
        "MK1,15,1,2024,100,0,130,0       | 2024-01-15T01:00:00-05:00 30",
        "MK1,15,1,2024,10,30,10000,y     | 2024-01-15T10:30:00-05:00 870",
        // DESIGN 4.3: raw FWINHR 8000..9999 is sold out, whatever FWINMIN holds
        "MK1,15,1,2024,10,30,8000,junk   | 2024-01-15T10:30:00-05:00 8888",
        "MK1,15,1,2024,10,30,8888,       | 2024-01-15T10:30:00-05:00 8888",
        "MK1,15,1,2024,10,30,9999.0,1.5  | 2024-01-15T10:30:00-05:00 8888",
        // DESIGN 4.3: return more than 15 minutes before observed is the next day
        "MK1,15,1,2024,23,50,0,10        | 2024-01-15T23:50:00-05:00 20",
        "MK1,15,1,2024,10,30,10,15       | 2024-01-15T10:30:00-05:00 -15",
        "MK1,15,1,2024,10,30,10,14       | 2024-01-15T10:30:00-05:00 1424",
        "MK1,15,1,2024,10,30,10,30       | 2024-01-15T10:30:00-05:00 0",
        "MK1,31,12,2024,2359,0,0,0       | 2024-12-31T23:59:00-05:00 1",
        // rejects
        "MK1,15,1,2024,30,0,11,0         | BAD_DATE",
        "MK1,15,1,2024,2400,0,11,0       | BAD_DATE",
        "MK1,15,1,2024,1060,0,11,0       | BAD_DATE",
        "MK1,15,1,2024,10,60,11,0        | BAD_DATE",
        "MK1,15,1,2024,-1,0,11,0         | BAD_DATE",
        "MK1,15,1,2024,10,30,7999,0      | BAD_DATE",
        "MK1,15,1,2024,10,30,24,0        | BAD_DATE",
        "MK1,15,1,2024,10,30,11,60       | BAD_DATE",
        "MK1,15,1,2024,10,30,250000,0    | BAD_DATE",
        "MK1,30,2,2024,10,30,11,0        | BAD_DATE",
        "MK1,31,4,2024,10,30,11,0        | BAD_DATE",
        "MK1,15,1,1989,10,30,11,0        | BAD_DATE",
        "MK1,15,1,2100,10,30,11,0        | BAD_DATE",
        "MK1,15,13,2024,10,30,11,0       | BAD_DATE",
        "MK1,15,1,2024,10.5,30,11,0      | BAD_NUMBER",
        "MK1,7.5,1,2024,10,30,11,0       | BAD_NUMBER",
        "MK1,15,1,2024,10,30,11,7.5      | BAD_NUMBER",
        "MK1,15,1,2024,10,30,8000.5,0    | BAD_NUMBER",
        "MK1,15,1,2024,10,30,1e3,0       | BAD_NUMBER",
        "MK1,15,1,2024,10,x,11,0         | BAD_NUMBER",
        "MK1,,1,2024,10,30,11,0          | MISSING_FIELD",
        "MK1,15,1,2024,10,30,,0          | MISSING_FIELD",
        ",15,1,2024,10,30,11,0           | MISSING_FIELD",
        "../X1,15,1,2024,10,30,11,0      | BAD_ENTITY_CODE",
        "=1+1,15,1,2024,10,30,11,0       | BAD_ENTITY_CODE",
        "../X1,30,2,1989,99,x,,          | BAD_ENTITY_CODE",
        "MK1,30,2,2024,10,30,x,          | BAD_DATE",
        "MK1,15,1,2024,10,30             | SHORT_ROW",
    })
    void oneRowGivesItsObservedTimeAndMinutesOrItsFirstDefect(String row, String expected) {
        Result r = fastpass(HEADER + row + "\n", NEW_YORK);
        String got = r.rows().size() == 1 && r.rejects().isEmpty()
                ? r.rows().get(0).split(",")[1] + " " + r.rows().get(0).split(",")[3]
                : r.rejects().size() == 1 && r.rows().isEmpty() && r.rejects().containsValue(1L)
                ? r.rejects().keySet().iterator().next().name()
                : r.toString();
        assertEquals(expected, got);
    }

    @Test
    void rowsCarryPriorityTypeParkAndParkDate() {
        assertParsed(fastpass(HEADER
                + "mk101,15,1,2024,5,59,6,30\n"
                + "EP9,15,1,2024,0600,0,0630,0\n", NEW_YORK),
                "seen=2 emitted=2 rejects={}",
                "MK101,2024-01-15T05:59:00-05:00,PRIORITY,31,mk,2024-01-14",
                "EP9,2024-01-15T06:00:00-05:00,PRIORITY,30,ep,2024-01-15");
    }

    @Test
    void severalRowsForOneEntityAndTimeCollapseToTheLastValidOne() {
        assertParsed(fastpass(HEADER
                + "MK1,15,1,2024,10,30,11,0\n"        // replaced below
                + "MK2,15,1,2024,10,30,12,0\n"
                + "mk1,15,1,2024,1030,0,1200,0\n"     // same entity and time, other spelling
                + "MK3,15,1,2024,10,30,13,0\n"
                + "MK1,15,1,2024,10,30,99,0\n"        // invalid: does not replace the winner
                + "MK2,15,1,2024,10,31,12,0\n", NEW_YORK),
                "seen=6 emitted=4 rejects={BAD_DATE=1}",
                "MK2,2024-01-15T10:30:00-05:00,PRIORITY,90,mk,2024-01-15",
                "MK1,2024-01-15T10:30:00-05:00,PRIORITY,90,mk,2024-01-15",
                "MK3,2024-01-15T10:30:00-05:00,PRIORITY,150,mk,2024-01-15",
                "MK2,2024-01-15T10:31:00-05:00,PRIORITY,89,mk,2024-01-15");
    }

    @Test
    void headerIsMatchedTrimmedAndCaseInsensitivelyAndMinuteColumnsMayBeAbsent() {
        assertParsed(fastpass(" fwinhr ,FAttId,fday,FMONTH,fyear,\tFHour\n"
                + "11,MK1,15,1,2024,10\n", NEW_YORK),
                "seen=1 emitted=1 rejects={}",
                "MK1,2024-01-15T10:00:00-05:00,PRIORITY,60,mk,2024-01-15");
    }

    @Test
    void missingRequiredHeaderColumnMakesEveryFullRowMissingField() {
        assertParsed(fastpass("FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINMIN\n"
                + "MK1,15,1,2024,10,30,0\n"
                + "MK1,15,1,2024,10,30\n"
                + "MK1,15,1,2024\n", NEW_YORK),
                "seen=3 emitted=0 rejects={SHORT_ROW=1, MISSING_FIELD=2}");
    }

    @Test
    void shortRowsMustReachFwinhrButNotFwinmin() {
        assertParsed(fastpass(HEADER
                + "MK1,15,1,2024,10,30,11\n"
                + "MK2,15,1,2024,10,30\n"
                + "MK3\n", NEW_YORK),
                "seen=3 emitted=1 rejects={SHORT_ROW=2}",
                "MK1,2024-01-15T10:30:00-05:00,PRIORITY,30,mk,2024-01-15");
    }

    @Test
    void daylightSavingDaysLocalizeObservedButCountMinutesOnTheWallClockInNewYork() {
        assertParsed(fastpass(HEADER
                + "MK1,10,3,2024,2,30,3,0\n"
                + "MK1,3,11,2024,1,30,2,0\n", NEW_YORK),
                "seen=2 emitted=2 rejects={}",
                "MK1,2024-03-10T03:30:00-04:00,PRIORITY,30,mk,2024-03-09",
                "MK1,2024-11-03T01:30:00-04:00,PRIORITY,30,mk,2024-11-02");
    }

    @Test
    void daylightSavingDaysLocalizeObservedButCountMinutesOnTheWallClockInLosAngeles() {
        assertParsed(fastpass(HEADER
                + "DL1,10,3,2024,0215,0,0300,0\n"
                + "DL1,3,11,2024,0145,0,0215,0\n", LOS_ANGELES),
                "seen=2 emitted=2 rejects={}",
                "DL1,2024-03-10T03:15:00-07:00,PRIORITY,45,dl,2024-03-09",
                "DL1,2024-11-03T01:45:00-07:00,PRIORITY,30,dl,2024-11-02");
    }

    @Test
    void tokyoPriorityRowsCarryPlusNine() {
        assertParsed(fastpass(HEADER + "TDL12,15,1,2024,9,0,9,40\n", TOKYO),
                "seen=1 emitted=1 rejects={}",
                "TDL12,2024-01-15T09:00:00+09:00,PRIORITY,40,tdl,2024-01-15");
    }
}
