package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** New and old fastpass (priority) files, DESIGN 4.3. */
class FastpassRulesTest {
    static final String HEADER = "FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN\n";

    @Test
    void plainHoursGiveTheMinutesUntilTheReturnWindow() throws Exception {
        Parsing p = Parsing.fastpass(HEADER + "mk01,15,1,2024,10,30,11,45\n");
        assertEquals(List.of("MK01,2024-01-15T10:30:00-05:00,PRIORITY,75,mk,2024-01-15"), p.rows);
    }

    @Test
    void compactHhmmAndHhmmssHoursIgnoreTheirMinuteColumns() throws Exception {
        Parsing p = Parsing.fastpass(HEADER
                + "MK01,15,1,2024,1030,junk,1145,junk\n"      // HHMM: minute columns not read
                + "MK02,15,1,2024,103015,,114559,\n"          // HHMMSS: seconds ignored
                + "MK03,15,1,2024,9,5,1000,\n");              // plain 09:05, compact return 10:00
        assertEquals(List.of(
                "MK01,2024-01-15T10:30:00-05:00,PRIORITY,75,mk,2024-01-15",
                "MK02,2024-01-15T10:30:00-05:00,PRIORITY,75,mk,2024-01-15",
                "MK03,2024-01-15T09:05:00-05:00,PRIORITY,55,mk,2024-01-15"), p.rows);
    }

    @Test
    void soldOutReturnHoursGive8888() throws Exception {
        Parsing p = Parsing.fastpass(HEADER + "EP09,15,1,2024,14,0,8000,junk\nEP10,15,1,2024,14,0,9999,\nEP11,15,1,2024,14,0,10000,\n");
        assertEquals(List.of(
                "EP09,2024-01-15T14:00:00-05:00,PRIORITY,8888,ep,2024-01-15",
                "EP10,2024-01-15T14:00:00-05:00,PRIORITY,8888,ep,2024-01-15",
                "EP11,2024-01-15T14:00:00-05:00,PRIORITY,660,ep,2024-01-15"), p.rows); // 10000 is 01:00:00, tomorrow
    }

    @Test
    void returnMoreThanFifteenMinutesBeforeObservedRollsToTheNextDay() throws Exception {
        Parsing p = Parsing.fastpass(HEADER
                + "MK01,15,1,2024,23,30,0,45\n"    // 00:45 next day: 75 minutes
                + "MK02,15,1,2024,10,30,10,15\n"   // exactly 15 before: same day, -15
                + "MK03,15,1,2024,10,30,10,14\n"); // 16 before: next day, 1424
        assertEquals(List.of(
                "MK01,2024-01-15T23:30:00-05:00,PRIORITY,75,mk,2024-01-15",
                "MK02,2024-01-15T10:30:00-05:00,PRIORITY,-15,mk,2024-01-15",
                "MK03,2024-01-15T10:30:00-05:00,PRIORITY,1424,mk,2024-01-15"), p.rows);
    }

    @Test
    void minutesAreWallClockAlsoAcrossTheDstChange() throws Exception {
        Parsing p = Parsing.fastpass(HEADER + "MK01,10,3,2024,1,30,3,30\nMK02,3,11,2024,0,30,2,30\n");
        assertEquals(List.of(
                "MK01,2024-03-10T01:30:00-05:00,PRIORITY,120,mk,2024-03-09",
                "MK02,2024-11-03T00:30:00-04:00,PRIORITY,120,mk,2024-11-02"), p.rows);
    }

    @Test
    void rangeAndDateChecksRejectWithTheirReasons() throws Exception {
        Parsing p = Parsing.fastpass(HEADER
                + "MK01,30,2,2024,10,0,11,0\n"     // February 30
                + "MK01,15,1,1989,10,0,11,0\n"     // year 1989
                + "MK01,15,1,2024,24,0,11,0\n"     // hour 24
                + "MK01,15,1,2024,10,60,11,0\n"    // minute 60
                + "MK01,15,1,2024,30,0,11,0\n"     // compact cannot say 00:30: hour 30
                + "MK01,15,1,2024,10,0,8,0\n"      // 08:00 is 120 before: next day, 1320 minutes, in range
                + "MK01,15,1,2024,1,0,10,0\n"      // 540 minutes, in range
                + "MK02,15,1,2024,6,0,16,0\n"      // 600, in range
                + "MK03,1,1,2024,6,0,5,40\n"       // 20 before: next day, 1420
                + "MK04,1,1,2024,6,0,5,50\n"       // 10 before: same day, -10
                + "MK05,1,1,2024,7.0,0,8,30.5\n"   // 7.0 is 7; 30.5 is not an integer
                + "MK06,1,1,2024,7.5,0,8,0\n");    // 7.5 hour: bad
        assertEquals(List.of(
                "MK01,2024-01-15T10:00:00-05:00,PRIORITY,1320,mk,2024-01-15",
                "MK01,2024-01-15T01:00:00-05:00,PRIORITY,540,mk,2024-01-14",
                "MK02,2024-01-15T06:00:00-05:00,PRIORITY,600,mk,2024-01-15",
                "MK03,2024-01-01T06:00:00-05:00,PRIORITY,1420,mk,2024-01-01",
                "MK04,2024-01-01T06:00:00-05:00,PRIORITY,-10,mk,2024-01-01"), p.rows);
        assertEquals("BAD_DATE=5 BAD_NUMBER=2", p.rejects());
    }

    @Test
    void aReturnEarlierInTheDayIsTomorrowSoEveryDifferenceStaysInRange() throws Exception {
        // The rollover rule keeps every difference within -15..1424, inside -100..2000.
        Parsing p = Parsing.fastpass(HEADER + "MK01,15,1,2024,10,0,8,19\n");
        assertEquals("", p.rejects());
        assertEquals(List.of("MK01,2024-01-15T10:00:00-05:00,PRIORITY,1339,mk,2024-01-15"), p.rows);
    }

    @Test
    void severalRowsForOneObservationCollapseToTheLastValidOne() throws Exception {
        Parsing p = Parsing.fastpass(HEADER
                + "MK01,15,1,2024,10,30,11,0\n"
                + "MK02,15,1,2024,10,30,12,0\n"
                + "MK01,15,1,2024,10,30,11,30\n"
                + "MK01,15,1,2024,10,30,99,0\n");  // invalid: dropped before collapsing
        assertEquals(List.of(
                "MK02,2024-01-15T10:30:00-05:00,PRIORITY,90,mk,2024-01-15",
                "MK01,2024-01-15T10:30:00-05:00,PRIORITY,60,mk,2024-01-15"), p.rows);
        assertEquals(4, p.stats.recordsSeen());
        assertEquals(2, p.stats.rowsEmitted());
        assertEquals("BAD_DATE=1", p.rejects());
    }

    @Test
    void minuteColumnsMayBeAbsentOrEmpty() throws Exception {
        Parsing p = Parsing.fastpass("fattid, FDAY ,fmonth,fyear,fhour,fwinhr\nMK01,15,1,2024,10,11\n");
        assertEquals(List.of("MK01,2024-01-15T10:00:00-05:00,PRIORITY,60,mk,2024-01-15"), p.rows);
        Parsing q = Parsing.fastpass(HEADER + "MK01,15,1,2024,10,,11,\n");
        assertEquals(p.rows, q.rows);
    }

    @Test
    void missingRequiredColumnOrShortRows() throws Exception {
        assertEquals("MISSING_FIELD=2", Parsing.fastpass("FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN\nMK01,15,1,2024,10,0\nMK01,15,1,2024,10,0\n").rejects());
        assertEquals("SHORT_ROW=1", Parsing.fastpass(HEADER + "MK01,15,1,2024,10,30\n").rejects());
    }

    @Test
    void oldFormatSkipsItsFirstRecordAndReadsPlainPositionalColumns() throws Exception {
        Parsing p = Parsing.of(FileKind.OLD_FASTPASS,
                "whatever,the,first,line,says,x,y,z,a,b\n"
                + "AK07,15,1,2016,10,30,11,45,extra,columns,ignored\n"
                + "AK07,15,1,2016,1030,0,11,45,x,y\n"     // never compact: hour 1030 is bad
                + "AK08,15,1,2016,10,30,8500,junk,x,y\n", Parsing.NEW_YORK);
        assertEquals(List.of(
                "AK07,2016-01-15T10:30:00-05:00,PRIORITY,75,ak,2016-01-15",
                "AK08,2016-01-15T10:30:00-05:00,PRIORITY,8888,ak,2016-01-15"), p.rows);
        assertEquals("BAD_DATE=1", p.rejects());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"export/wait_times/wdw/7_dwarfs.csv, STANDBY",
            "EXPORT/WAIT_TIMES/WDW/X.CSV, STANDBY",
            "export/fastpass_times/wdw/current_fastpass.csv, NEW_FASTPASS",
            "export/fastpass_times/wdw/fastpass_2021_03.csv, NEW_FASTPASS",
            "export/fastpass_times/wdw/fastpass_2016.csv, OLD_FASTPASS",
            "export/fastpass_times/wdw/FP_2019_02.csv, OLD_FASTPASS",
            "export/fastpass_times/wdw/fp_201901.csv, OLD_FASTPASS",
            "export/fastpass_times/wdw/fp_2019_03.csv, NEW_FASTPASS",
            "export/other/wdw/x.csv, UNKNOWN"})
    void keysAreClassifiedByName(String key, FileKind kind) {
        assertEquals(kind, FileKind.classify(key));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"MK01, mk", "USH03, uh", "TDL1, tdl", "TDS14, tds", "IA5, ia", "UF2, uf", "EU4, eu", "XYZ9, xyz", "BB1, bb"})
    void parkCodesComeFromTheEntityCodesLetters(String entity, String park) {
        assertEquals(park, Parks.parkCode(entity));
    }
}
