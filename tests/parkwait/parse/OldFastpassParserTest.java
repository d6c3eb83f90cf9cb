package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parkwait.parse.ParseFixture.NEW_YORK;

import java.util.List;
import org.junit.jupiter.api.Test;
import parkwait.parse.ParseFixture.Result;

/** Old fastpass files: no header, first record skipped, 8 positional columns, no compact hours. */
class OldFastpassParserTest {
    private static Result oldFastpass(String text) {
        return ParseFixture.parse(FileKind.OLD_FASTPASS, text, NEW_YORK);
    }

    private static void assertParsed(Result actual, String stats, String... rows) {
        assertEquals(List.of(rows), actual.rows());
        assertEquals(stats, actual.stats());
    }

    @Test
    void firstRecordIsSkippedEvenWhenItLooksLikeData() {
        assertParsed(oldFastpass("MK9,15,1,2014,10,0,11,0\n"
                + "MK1,15,1,2014,10,30,11,45,extra,columns,ignored\n"),
                "seen=1 emitted=1 rejects={}",
                "MK1,2014-01-15T10:30:00-05:00,PRIORITY,75,mk,2014-01-15");
    }

    @Test
    void leadingBlankLinesDoNotTakeThePlaceOfTheSkippedRecord() {
        assertParsed(oldFastpass("\n\nskipped\n\nMK1,15,1,2014,10,30,11,45\n"),
                "seen=1 emitted=1 rejects={}",
                "MK1,2014-01-15T10:30:00-05:00,PRIORITY,75,mk,2014-01-15");
    }

    @Test
    void hoursAreNeverCompactButSoldOutStillApplies() {
        assertParsed(oldFastpass("x\n"
                + "MK1,15,1,2014,1030,0,11,0\n"         // hour 1030: bad
                + "MK2,15,1,2014,10,30,1145,0\n"        // return hour 1145: bad
                + "MK3,15,1,2014,10,30,8500,junk,x\n"   // sold out; FWINMIN not read
                + "MK4,15,1,2014,10,,11,\n"             // empty minutes are 0
                + "MK5,15,1,2014,10,30,11\n"            // no FWINMIN column at all: 0
                + "MK6,15,1,2014,10,30\n"               // short: no FWINHR
                + "MK7,15,1,2014,10,30,10,14\n"),       // next-day return
                "seen=7 emitted=4 rejects={SHORT_ROW=1, BAD_DATE=2}",
                "MK3,2014-01-15T10:30:00-05:00,PRIORITY,8888,mk,2014-01-15",
                "MK4,2014-01-15T10:00:00-05:00,PRIORITY,60,mk,2014-01-15",
                "MK5,2014-01-15T10:30:00-05:00,PRIORITY,30,mk,2014-01-15",
                "MK7,2014-01-15T10:30:00-05:00,PRIORITY,1424,mk,2014-01-15");
    }

    @Test
    void rowsForOneEntityAndTimeCollapseToTheLastValidOne() {
        assertParsed(oldFastpass("header-ish,junk\n"
                + "MK1,15,1,2014,10,30,11,0\n"
                + "MK1,15,1,2014,10,30,11,30,later\n"
                + "MK1,15,1,2014,10,30,x,0\n"),
                "seen=3 emitted=1 rejects={BAD_NUMBER=1}",
                "MK1,2014-01-15T10:30:00-05:00,PRIORITY,60,mk,2014-01-15");
    }

    @Test
    void anEmptyFileOrOnlyTheSkippedRecordCountsNothing() {
        assertParsed(oldFastpass(""), "seen=0 emitted=0 rejects={}");
        assertParsed(oldFastpass("MK1,15,1,2014,10,30,11,0\n"), "seen=0 emitted=0 rejects={}");
    }
}
