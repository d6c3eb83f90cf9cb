package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static parkwait.parse.ParseFixture.LOS_ANGELES;
import static parkwait.parse.ParseFixture.NEW_YORK;
import static parkwait.parse.ParseFixture.TOKYO;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import parkwait.parse.ParseFixture.Result;

class StandbyParserTest {
    private static final String HEADER = "entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id\n";

    private static Result standby(String text, ZoneId zone) {
        return ParseFixture.parse(FileKind.STANDBY, text, zone);
    }

    private static void assertParsed(Result actual, String stats, String... rows) {
        assertEquals(List.of(rows), actual.rows());
        assertEquals(stats, actual.stats());
    }

    @Test
    void postedAndActualValuesBecomeSeparateRowsWithParkAndParkDate() {
        assertParsed(standby(HEADER
                + "MK101,2024-01-15T10:30:00,35,,\n"
                + "mk102,2024-01-15 05:59,,12,u1\n"
                + "EP9,2024-01-15T06:00,20,18,u2\n"
                + "USH3,2024-01-15T11:00,5,,\n"
                + "TDL12,2024-01-15T11:00,7,,\n"
                + "ZZ1,2024-01-15T11:00,8,,\n", NEW_YORK),
                "seen=6 emitted=7 rejects={}",
                "MK101,2024-01-15T10:30:00-05:00,POSTED,35,mk,2024-01-15",
                "MK102,2024-01-15T05:59:00-05:00,ACTUAL,12,mk,2024-01-14",
                "EP9,2024-01-15T06:00:00-05:00,POSTED,20,ep,2024-01-15",
                "EP9,2024-01-15T06:00:00-05:00,ACTUAL,18,ep,2024-01-15",
                "USH3,2024-01-15T11:00:00-05:00,POSTED,5,uh,2024-01-15",
                "TDL12,2024-01-15T11:00:00-05:00,POSTED,7,tdl,2024-01-15",
                "ZZ1,2024-01-15T11:00:00-05:00,POSTED,8,zz,2024-01-15");
    }

    @Test
    void headerIsMatchedTrimmedCaseInsensitivelyInAnyOrderAndUserIdIsNeverRead() {
        assertParsed(standby(" USER_ID ,Submitted_Actual_Time,\tOBSERVED_AT ,Entity_Code,Submitted_Posted_Time,extra\n"
                + "not a number,40,2024-01-15T10:30,MK1,30,junk\n", NEW_YORK),
                "seen=1 emitted=2 rejects={}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,30,mk,2024-01-15",
                "MK1,2024-01-15T10:30:00-05:00,ACTUAL,40,mk,2024-01-15");
    }

    @Test
    void byteOrderMarkAndCrlfLineEndsAreNotPartOfTheData() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(bom);
        bytes.writeBytes(("entity_code,observed_at,submitted_posted_time,submitted_actual_time\r\n"
                + "MK1,2024-01-15T10:30,30,40\r\n"
                + "MK2,2024-01-15T10:31,31,\r\n").getBytes(StandardCharsets.UTF_8));
        assertParsed(ParseFixture.parse(FileKind.STANDBY, bytes.toByteArray(), NEW_YORK),
                "seen=2 emitted=3 rejects={}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,30,mk,2024-01-15",
                "MK1,2024-01-15T10:30:00-05:00,ACTUAL,40,mk,2024-01-15",
                "MK2,2024-01-15T10:31:00-05:00,POSTED,31,mk,2024-01-15");
    }

    @Test
    void loneCarriageReturnIsDataInsideACell() {
        assertParsed(standby(HEADER
                + "MK1,2024-01-15T10:30,10\r5,20,\n"
                + "MK2\r,2024-01-15T10:30,11,\r\n", NEW_YORK),
                "seen=2 emitted=2 rejects={BAD_NUMBER=1}",
                "MK1,2024-01-15T10:30:00-05:00,ACTUAL,20,mk,2024-01-15",
                "MK2,2024-01-15T10:30:00-05:00,POSTED,11,mk,2024-01-15");
    }

    @Test
    void quotedCellsWithEscapedQuotesAndNewlinesAreOneRecord() {
        assertParsed(standby(HEADER
                + "\"MK1\",\"2024-01-15T10:30\",\" 30 \",,\"said \"\"hi\"\"\nover two lines\"\n"
                + "\"MK2\",2024-01-15T10:31,\"3\n1\",5,\n", NEW_YORK),
                "seen=2 emitted=2 rejects={BAD_NUMBER=1}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,30,mk,2024-01-15",
                "MK2,2024-01-15T10:31:00-05:00,ACTUAL,5,mk,2024-01-15");
    }

    @Test
    void unterminatedQuoteSwallowsTheRestOfTheFileAsOneCell() {
        assertParsed(standby(HEADER
                + "MK1,2024-01-15T10:30,10,\"20\n"
                + "MK2,2024-01-15T10:31,11,12,\n", NEW_YORK),
                "seen=1 emitted=1 rejects={BAD_NUMBER=1}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,10,mk,2024-01-15");
    }

    @Test
    void invalidUtf8BytesBecomeReplacementCharactersAndOnlyTheirCellFails() {
        var bytes = new ByteArrayOutputStream();
        bytes.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'M', 'K', '1', ',', '2', '0', '2', '4', '-', '0', '1', '-', '1', '5', 'T',
            '1', '0', ':', '3', '0', ',', '1', '0', ',', ',', 'u', (byte) 0xFF, '\n'});  // junk in user_id
        bytes.writeBytes(new byte[] {'M', 'K', (byte) 0xC3, '2', ',', '2', '0', '2', '4', '-', '0', '1', '-', '1',
            '5', 'T', '1', '0', ':', '3', '0', ',', '1', '0', ',', ',', '\n'});          // junk in the code
        assertParsed(ParseFixture.parse(FileKind.STANDBY, bytes.toByteArray(), NEW_YORK),
                "seen=2 emitted=1 rejects={BAD_ENTITY_CODE=1}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,10,mk,2024-01-15");
    }

    @Test
    void blankLinesAreSkippedAndNotCountedAnywhere() {
        assertParsed(standby("\n  \n" + HEADER + "\n\t\n\"\"\nMK1,2024-01-15T10:30,10,,\n\n\r\n", NEW_YORK),
                "seen=1 emitted=1 rejects={}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,10,mk,2024-01-15");
    }

    @Test
    void shortRowsNeedEveryRequiredColumnButNotUserId() {
        assertParsed(standby(HEADER
                + "MK1,2024-01-15T10:30,10,20\n"
                + "MK2,2024-01-15T10:30,10\n"
                + "../X1\n"
                + ",\n", NEW_YORK),
                "seen=4 emitted=2 rejects={SHORT_ROW=3}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,10,mk,2024-01-15",
                "MK1,2024-01-15T10:30:00-05:00,ACTUAL,20,mk,2024-01-15");
    }

    @Test
    void missingRequiredHeaderColumnMakesEveryFullRowMissingField() {
        assertParsed(standby("entity_code,observed_at,submitted_posted_time,user_id\n"
                + "MK1,2024-01-15T10:30,10,u\n"
                + "MK2,2024-01-15T10:30,10\n"
                + "MK3,2024-01-15T10:30\n", NEW_YORK),
                "seen=3 emitted=0 rejects={SHORT_ROW=1, MISSING_FIELD=2}");
    }

    @Test
    void aRowWithSeveralDefectsIsCountedOnceUnderTheFirst() {
        assertParsed(standby(HEADER
                + "../X1,bad\n"                                     // short beats entity and time
                + "=1+1,1989-01-01T10:00,abc,5000,\n"               // entity beats time and values
                + ",2024-01-15T10:30,10,,\n"                        // missing entity
                + "MK1,,abc,,\n"                                    // missing time beats values
                + "MK1,2024-02-30T10:00,abc,5000,\n"                // bad time beats values
                + "MK1,2024-01-15T10:30,,,\n", NEW_YORK),           // neither value
                "seen=6 emitted=0 rejects={SHORT_ROW=1, BAD_ENTITY_CODE=1, MISSING_FIELD=3, BAD_DATE=1}");
    }

    @Test
    void standbyValuesAreCountedPerValue() {
        assertParsed(standby(HEADER
                + "MK1,2024-01-15T10:30,abc,1500,\n"
                + "MK2,2024-01-15T10:30,abc,20,\n"
                + "MK3,2024-01-15T10:30,-1,1e3,\n", NEW_YORK),
                "seen=3 emitted=1 rejects={BAD_NUMBER=3, OUT_OF_RANGE=2}",
                "MK2,2024-01-15T10:30:00-05:00,ACTUAL,20,mk,2024-01-15");
    }

    @Test
    void minutesAreRoundedHalfAwayFromZeroBeforeTheZeroToThousandRange() {
        assertParsed(standby(HEADER
                + "MK1,2024-01-15T10:30,30.5,30.49,\n"
                + "MK2,2024-01-15T10:30,-0.5,-0.4,\n"
                + "MK3,2024-01-15T10:30,1000.4,1000.5,\n"
                + "MK4,2024-01-15T10:30,0,+7.0,\n", NEW_YORK),
                "seen=4 emitted=6 rejects={OUT_OF_RANGE=2}",
                "MK1,2024-01-15T10:30:00-05:00,POSTED,31,mk,2024-01-15",
                "MK1,2024-01-15T10:30:00-05:00,ACTUAL,30,mk,2024-01-15",
                "MK2,2024-01-15T10:30:00-05:00,ACTUAL,0,mk,2024-01-15",
                "MK3,2024-01-15T10:30:00-05:00,POSTED,1000,mk,2024-01-15",
                "MK4,2024-01-15T10:30:00-05:00,POSTED,0,mk,2024-01-15",
                "MK4,2024-01-15T10:30:00-05:00,ACTUAL,7,mk,2024-01-15");
    }

    @Test
    void entityCodesThatCouldEscapeAFileNameOrRunInExcelAreRejected() {
        assertParsed(standby(HEADER
                + "../X1,2024-01-15T10:30,10,,\n"
                + "=1+1,2024-01-15T10:30,10,,\n"
                + "MK 1,2024-01-15T10:30,10,,\n"
                + "ABCDEF1,2024-01-15T10:30,10,,\n"
                + " ak7 ,2024-01-15T10:30,10,,\n", NEW_YORK),
                "seen=5 emitted=1 rejects={BAD_ENTITY_CODE=4}",
                "AK7,2024-01-15T10:30:00-05:00,POSTED,10,ak,2024-01-15");
    }

    @Test
    void impossibleDatesAndTimesAreBadDates() {
        assertParsed(standby(HEADER
                + "MK1,1989-12-31T12:00,10,,\n"
                + "MK1,2100-01-01T12:00,10,,\n"
                + "MK1,2024-02-30T12:00,10,,\n"
                + "MK1,2024-01-15T24:00,10,,\n"
                + "MK1,2024-01-15T23:59:60,10,,\n"
                + "MK1,2024-01-15T23:59:59.5,10,,\n", NEW_YORK),
                "seen=6 emitted=1 rejects={BAD_DATE=5}",
                "MK1,2024-01-15T23:59:59-05:00,POSTED,10,mk,2024-01-15");
    }

    @Test
    void daylightSavingGapMovesLaterAndOverlapTakesTheEarlierOffsetInNewYork() {
        assertParsed(standby(HEADER
                + "MK1,2024-03-10T02:30,10,,\n"
                + "MK1,2024-11-03T01:30,11,,\n"
                + "MK1,2024-11-03T01:30-05:00,12,,\n", NEW_YORK),
                "seen=3 emitted=3 rejects={}",
                "MK1,2024-03-10T03:30:00-04:00,POSTED,10,mk,2024-03-09",
                "MK1,2024-11-03T01:30:00-04:00,POSTED,11,mk,2024-11-02",
                "MK1,2024-11-03T01:30:00-05:00,POSTED,12,mk,2024-11-02");
    }

    @Test
    void daylightSavingGapMovesLaterAndOverlapTakesTheEarlierOffsetInLosAngeles() {
        assertParsed(standby(HEADER
                + "DL1,2024-03-10T02:00,10,,\n"
                + "DL1,2024-03-10T02:59:59,11,,\n"
                + "DL1,2024-11-03T01:00,12,,\n"
                + "DL1,2024-11-03T01:59,13,,\n"
                + "DL1,2024-11-03T02:00,14,,\n", LOS_ANGELES),
                "seen=5 emitted=5 rejects={}",
                "DL1,2024-03-10T03:00:00-07:00,POSTED,10,dl,2024-03-09",
                "DL1,2024-03-10T03:59:59-07:00,POSTED,11,dl,2024-03-09",
                "DL1,2024-11-03T01:00:00-07:00,POSTED,12,dl,2024-11-02",
                "DL1,2024-11-03T01:59:00-07:00,POSTED,13,dl,2024-11-02",
                "DL1,2024-11-03T02:00:00-08:00,POSTED,14,dl,2024-11-02");
    }

    @Test
    void aTimeWithAnOffsetEqualToALocalTimeGivesTheSameRow() {
        assertParsed(standby(HEADER
                + "CA1,2024-07-01T09:00,10,,\n"
                + "CA1,2024-07-01T16:00:00Z,10,,\n"
                + "CA1,2024-07-01T12:00-04:00,10,,\n"
                + "CA1,2024-07-02T01:00+0900,10,,\n", LOS_ANGELES),
                "seen=4 emitted=4 rejects={}",
                "CA1,2024-07-01T09:00:00-07:00,POSTED,10,ca,2024-07-01",
                "CA1,2024-07-01T09:00:00-07:00,POSTED,10,ca,2024-07-01",
                "CA1,2024-07-01T09:00:00-07:00,POSTED,10,ca,2024-07-01",
                "CA1,2024-07-01T09:00:00-07:00,POSTED,10,ca,2024-07-01");
    }

    @Test
    void tokyoTimesCarryPlusNine() {
        assertParsed(standby(HEADER
                + "TDS3,2024-01-15T05:59,10,,\n"
                + "TDS3,2024-01-14T21:00Z,20,,\n", TOKYO),
                "seen=2 emitted=2 rejects={}",
                "TDS3,2024-01-15T05:59:00+09:00,POSTED,10,tds,2024-01-14",
                "TDS3,2024-01-15T06:00:00+09:00,POSTED,20,tds,2024-01-15");
    }

    @Test
    void anEmptyOrHeaderOnlyFileCountsNothing() {
        assertParsed(standby("", NEW_YORK), "seen=0 emitted=0 rejects={}");
        assertParsed(standby(HEADER, NEW_YORK), "seen=0 emitted=0 rejects={}");
    }
}
