package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Standby files, DESIGN 4.3: every rule with a hand-written input and its exact rows. */
class StandbyRulesTest {
    static final String HEADER = "entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id\n";

    @Test
    void postedAndActualGiveOneRowEachAndNeitherIsAMissingField() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "mk01,2024-01-15 10:30:00,45,,u1\n"
                + "MK01,2024-01-15 10:35,,38,u2\n"
                + "EP09,2024-01-15T11:00:00,20,25,\n"
                + "AK07,2024-01-15 12:00:00,,,u3\n");
        assertEquals(List.of(
                "MK01,2024-01-15T10:30:00-05:00,POSTED,45,mk,2024-01-15",
                "MK01,2024-01-15T10:35:00-05:00,ACTUAL,38,mk,2024-01-15",
                "EP09,2024-01-15T11:00:00-05:00,POSTED,20,ep,2024-01-15",
                "EP09,2024-01-15T11:00:00-05:00,ACTUAL,25,ep,2024-01-15"), p.rows);
        assertEquals(4, p.stats.recordsSeen());
        assertEquals("MISSING_FIELD=1", p.rejects());
    }

    @Test
    void utf8BomCrlfAndHeaderCaseAndOrderAreHandled() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bom);
        b.writeBytes((" Submitted_Posted_Time ,ENTITY_CODE,Observed_At,SUBMITTED_actual_time\r\n30,HS12,2024-07-04 09:00,\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        Parsing p = Parsing.of(FileKind.STANDBY, b.toByteArray(), Parsing.NEW_YORK);
        assertEquals(List.of("HS12,2024-07-04T09:00:00-04:00,POSTED,30,hs,2024-07-04"), p.rows);
        assertEquals(1, p.stats.recordsSeen(), "the blank CRLF line is not counted");
    }

    @Test
    void offsetCarryingTimeEqualsTheSameLocalTime() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "MK01,2024-01-15 10:30:00,45,,\n"
                + "MK01,2024-01-15T15:30:00Z,45,,\n"
                + "MK01,2024-01-15T07:30:00-0800,45,,\n"
                + "MK01,2024-01-15T16:30:00.123+01,45,,\n");
        assertEquals(List.of(
                "MK01,2024-01-15T10:30:00-05:00,POSTED,45,mk,2024-01-15",
                "MK01,2024-01-15T10:30:00-05:00,POSTED,45,mk,2024-01-15",
                "MK01,2024-01-15T10:30:00-05:00,POSTED,45,mk,2024-01-15",
                "MK01,2024-01-15T10:30:00-05:00,POSTED,45,mk,2024-01-15"), p.rows);
    }

    @Test
    void springForwardGapMovesLaterAndFallBackTakesTheEarlierOffsetInNewYork() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "MK01,2024-03-10 02:30:00,10,,\n"
                + "MK01,2024-11-03 01:30:00,10,,\n");
        assertEquals(List.of(
                "MK01,2024-03-10T03:30:00-04:00,POSTED,10,mk,2024-03-09",
                "MK01,2024-11-03T01:30:00-04:00,POSTED,10,mk,2024-11-02"), p.rows);
    }

    @Test
    void springForwardGapAndFallBackInLosAngeles() throws Exception {
        Parsing p = Parsing.of(FileKind.STANDBY, HEADER
                + "DL03,2024-03-10 02:15,10,,\n"
                + "DL03,2024-11-03 01:15,10,,\n"
                + "DL03,2024-11-03T01:15:00-08:00,10,,\n", Parsing.LOS_ANGELES);
        assertEquals(List.of(
                "DL03,2024-03-10T03:15:00-07:00,POSTED,10,dl,2024-03-09",
                "DL03,2024-11-03T01:15:00-07:00,POSTED,10,dl,2024-11-02",
                "DL03,2024-11-03T01:15:00-08:00,POSTED,10,dl,2024-11-02"), p.rows);
    }

    @Test
    void parkDateTurnsAtSixInTheMorning() throws Exception {
        Parsing p = Parsing.standby(HEADER + "EP01,2024-01-15 05:59:59,5,,\nEP01,2024-01-15 06:00:00,5,,\n");
        assertEquals(List.of("EP01,2024-01-15T05:59:59-05:00,POSTED,5,ep,2024-01-14",
                "EP01,2024-01-15T06:00:00-05:00,POSTED,5,ep,2024-01-15"), p.rows);
    }

    @Test
    void tokyoTimesCarryTheirOffsetAndParkCodes() throws Exception {
        Parsing p = Parsing.of(FileKind.STANDBY, HEADER + "tdl01,2024-01-15 10:00,30,,\nTDS14,2024-01-15 10:00,35,,\n", Parsing.TOKYO);
        assertEquals(List.of("TDL01,2024-01-15T10:00:00+09:00,POSTED,30,tdl,2024-01-15",
                "TDS14,2024-01-15T10:00:00+09:00,POSTED,35,tds,2024-01-15"), p.rows);
    }

    @ParameterizedTest(name = "entity code [{0}] is rejected")
    @CsvSource(delimiter = '|', value = {"../X1", "=1+1", "/MK1", "MK\\1", "MK 01", "@MK01", "+MK01", "-MK01",
            "ABCDEF1", "MK", "01", "МK01", "MK01a"})
    void unsafeOrMalformedEntityCodesAreRejected(String code) throws Exception {
        Parsing p = Parsing.standby(HEADER + "\"" + code + "\",2024-01-15 10:00,30,,\n");
        assertEquals(List.of(), p.rows);
        assertEquals("BAD_ENTITY_CODE=1", p.rejects());
    }

    @ParameterizedTest(name = "observed_at [{0}] is a bad date")
    @CsvSource(delimiter = '|', value = {"2024-02-30 10:00", "1989-12-31 10:00", "2100-01-01 10:00", "2024-01-15 24:00",
            "2024-01-15 10:00:60", "2024-01-15t10:00", "2024-01-15 10:00z", "2024-01-15  10:00", "2024-1-15 10:00",
            "2024-01-15 10:00+18:01", "2024-01-15 10:00:00.", "15/01/2024 10:00", "2024-01-15"})
    void malformedObservedTimesAreBadDates(String observed) throws Exception {
        Parsing p = Parsing.standby(HEADER + "MK01," + observed + ",30,,\n");
        assertEquals(List.of(), p.rows);
        assertEquals("BAD_DATE=1", p.rejects());
    }

    @Test
    void numbersAreRoundedHalfAwayFromZeroBeforeTheRangeCheck() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "MK01,2024-01-15 10:00, 30.5 ,-0.4,\n"    // 31; -0.4 rounds to 0, in range
                + "MK02,2024-01-15 10:00,1000.4,-0.5,\n"    // 1000; -1 out of range
                + "MK03,2024-01-15 10:00,1e3,NaN,\n"        // two bad numbers
                + "MK04,2024-01-15 10:00,abc,1500,\n"       // one bad number, one out of range
                + "MK05,2024-01-15 10:00,\"1,000\",0x10,\n");
        assertEquals(List.of(
                "MK01,2024-01-15T10:00:00-05:00,POSTED,31,mk,2024-01-15",
                "MK01,2024-01-15T10:00:00-05:00,ACTUAL,0,mk,2024-01-15",
                "MK02,2024-01-15T10:00:00-05:00,POSTED,1000,mk,2024-01-15"), p.rows);
        assertEquals("BAD_NUMBER=5 OUT_OF_RANGE=2", p.rejects());
    }

    @Test
    void exactlyMinus999IsOfflineNotOutOfRangeAndNeverARow() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "MK01,2024-01-15 10:00,-999,,\n"         // offline
                + "MK02,2024-01-15 10:00, -999.0 ,30,\n"   // offline; actual 30 still loads
                + "MK03,2024-01-15 10:00,-999,-999,\n"     // two offline values, no row
                + "MK04,2024-01-15 10:00,-999.4,-998,\n"   // rounds to -999 but is not exactly it; -998
                + "MK05,2024-01-15 10:00,-1000,-999.5,\n"); // out of range twice
        assertEquals(List.of("MK02,2024-01-15T10:00:00-05:00,ACTUAL,30,mk,2024-01-15"), p.rows);
        assertEquals("OUT_OF_RANGE=4 OFFLINE=4", p.rejects());
        assertEquals("offline (-999)", Reject.OFFLINE.label());
    }

    @Test
    void rejectedRecordsAreKeptWithLineAndTextUpToTheCapPerReason() throws Exception {
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 150; i++) file.append("MK01,2024-01-15 10:00,-999,,u").append(i).append('\n');
        file.append("MK01,2024-01-15 11:00,abc,,\"a\nb\"\n").append("=MK01,2024-01-15 11:00,5,,\n");
        Parsing p = Parsing.standby(file.toString());
        List<RejectedRecord> kept = p.stats.kept();
        assertEquals(ParseStats.KEPT_PER_REASON + 2, kept.size());
        assertEquals(new RejectedRecord(2, Reject.OFFLINE, "MK01,2024-01-15 10:00,-999,,u0"), kept.get(0));
        assertEquals(new RejectedRecord(101, Reject.OFFLINE, "MK01,2024-01-15 10:00,-999,,u99"), kept.get(99));
        assertEquals(new RejectedRecord(152, Reject.BAD_NUMBER, "MK01,2024-01-15 11:00,abc,,\"a\nb\""), kept.get(100));
        assertEquals(new RejectedRecord(154, Reject.BAD_ENTITY_CODE, "=MK01,2024-01-15 11:00,5,,"), kept.get(101));
        assertEquals(50, p.stats.notKept(), "counted, not kept");
        assertEquals(152, p.stats.rejected());
    }

    @Test
    void firstDefectWinsAndShortRowsComeFirst() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "MK01,2024-01-15 10:00\n"           // short: fewer fields than the last required column
                + "../X,not-a-date,abc,\n"            // entity code first
                + "MK01,not-a-date,abc,\n"            // then the observed time
                + ",2024-01-15 10:00,30,\n"            // empty entity: missing
                + "MK01,,30,\n");                      // empty observed time: missing
        assertEquals(List.of(), p.rows);
        assertEquals("SHORT_ROW=1 BAD_ENTITY_CODE=1 MISSING_FIELD=2 BAD_DATE=1", p.rejects());
    }

    @Test
    void quotedFieldsEmbeddedNewlinesAndUnterminatedQuotes() throws Exception {
        Parsing p = Parsing.standby(HEADER
                + "\"MK01\",\"2024-01-15 10:00\",\"4\"\"5\",,\"multi\nline user\"\n"   // 4"5 is a bad number
                + "MK01,2024-01-15 10:05,4\"5,\"\",x\n"                                   // quote not first: data
                + "MK02,2024-01-15 10:10,20,,\"never closed\nMK03,2024-01-15 10:15,25,,\n");
        assertEquals(List.of("MK02,2024-01-15T10:10:00-05:00,POSTED,20,mk,2024-01-15"), p.rows);
        assertEquals(3, p.stats.recordsSeen(), "the unterminated quote swallows the rest of the file");
        assertEquals("BAD_NUMBER=2", p.rejects());
    }

    @Test
    void loneCarriageReturnIsDataAndInvalidUtf8BecomesReplacementCharacters() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        b.writeBytes("MK01,2024-01-15 10:00,30,,a\rb\n".getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {'M', 'K', (byte) 0xC9, '1', ',', '2', '0', '2', '4', '-', '0', '1', '-', '1', '5', ' ', '1', '0', ':', '0', '0', ',', '3', '0', ',', ',', '\n'});
        b.writeBytes("MK01,2024-01-15 10:00\r,31,,\n".getBytes(StandardCharsets.UTF_8)); // CR inside a cell is trimmed
        Parsing p = Parsing.of(FileKind.STANDBY, b.toByteArray(), Parsing.NEW_YORK);
        assertEquals(List.of("MK01,2024-01-15T10:00:00-05:00,POSTED,30,mk,2024-01-15",
                "MK01,2024-01-15T10:00:00-05:00,POSTED,31,mk,2024-01-15"), p.rows);
        assertEquals("BAD_ENTITY_CODE=1", p.rejects());
    }

    @Test
    void missingRequiredHeaderColumnMakesEveryRowAMissingField() throws Exception {
        Parsing p = Parsing.standby("entity_code,submitted_posted_time\nMK01,30\nMK02,40\n");
        assertEquals(List.of(), p.rows);
        assertEquals("MISSING_FIELD=2", p.rejects());
    }

    @Test
    void emptyFileAndHeaderOnlyGiveNothing() throws Exception {
        assertEquals(0, Parsing.standby("").stats.recordsSeen());
        Parsing headerOnly = Parsing.standby(HEADER);
        assertEquals(0, headerOnly.stats.recordsSeen());
        assertEquals(List.of(), headerOnly.rows);
    }

    @Test
    void userIdIsNeverReadSoJunkThereRejectsNothing() throws Exception {
        Parsing p = Parsing.standby("entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id\nMK01,2024-01-15 10:00,30,,\u0000\"junk\n");
        assertEquals(List.of("MK01,2024-01-15T10:00:00-05:00,POSTED,30,mk,2024-01-15"), p.rows);
    }
}
