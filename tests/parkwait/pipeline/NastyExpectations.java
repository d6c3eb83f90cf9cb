package parkwait.pipeline;

import static parkwait.parse.Reject.BAD_DATE;
import static parkwait.parse.Reject.BAD_ENTITY_CODE;
import static parkwait.parse.Reject.BAD_NUMBER;
import static parkwait.parse.Reject.MISSING_FIELD;
import static parkwait.parse.Reject.OFFLINE;
import static parkwait.parse.Reject.OUT_OF_RANGE;
import static parkwait.parse.Reject.SHORT_ROW;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parkwait.parse.Reject;

/**
 * What DESIGN 4.3 says each file of the generator's nasty set must give, worked out by hand from
 * the file's lines (lib/parkwait/gen/NastyStandby.java, NastyFastpass.java) and the rules, for
 * the nasty set written for wdw alone (entity MK01, America/New_York). The comments give the
 * reasoning for the rows that are not obvious; nothing here was copied from a run.
 */
final class NastyExpectations {
    private NastyExpectations() {
    }

    /**
     * One case.
     *
     * @param name    the file name in the nasty set
     * @param listed  false if the source must not even list it (not a .csv key)
     * @param seen    records counted (blank lines and the header or skipped first record excluded)
     * @param rejects rejects by reason
     * @param csvs    expected partition files (path under fact_tables/clean) and their rows in order
     */
    record Expected(String name, boolean listed, long seen, Map<Reject, Long> rejects, Map<String, List<String>> csvs) {
        long rows() {
            return csvs.values().stream().mapToLong(List::size).sum();
        }

        long rejected() {
            return rejects.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Expected> all() {
        List<Expected> all = new ArrayList<>();
        all.add(file("nasty_empty.csv", 0, rejects(), csvs()));
        all.add(file("nasty_header_only.csv", 0, rejects(), csvs()));
        // BOM dropped, so the header's first name still matches; CRLF is a line end.
        all.add(file("nasty_bom_crlf.csv", 3, rejects(), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(
                        standby("10:30", "POSTED", 45), standby("10:35", "POSTED", 50), standby("10:40", "ACTUAL", 38)))));
        // The lone CR joins 10:40 and 10:45 into one record; 10:45 lands in the ignored 5th column and
        // beyond, so 10:40 loads and 10:45 is not a record. "\r\n", " \t " and "" are blank lines.
        all.add(file("nasty_mixed_line_endings.csv", 4, rejects(), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("10:30", "POSTED", 45), standby("10:35", "POSTED", 50),
                        standby("10:40", "POSTED", 55), standby("10:50", "POSTED", 65)))));
        // "MK01,2024-01-15 13:4" without a line end is a record of 2 fields: short.
        all.add(file("nasty_truncated.csv", 3, rejects(SHORT_ROW, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("13:30", "POSTED", 20), standby("13:35", "POSTED", 25)))));
        // Seed 4's 600 junk bytes hold one LF (HostileInputTest checks this): a 1-field record
        // (short) and a 5-field record with no quote at a field start whose first cell is junk.
        all.add(file("nasty_binary.csv", 4, rejects(SHORT_ROW, 1, BAD_ENTITY_CODE, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("11:00", "POSTED", 30), standby("11:05", "POSTED", 35)))));
        // Junk in user_id is not read; U+FFFD in the code, the time's separator and a number rejects each.
        all.add(file("nasty_latin1.csv", 5, rejects(BAD_ENTITY_CODE, 1, BAD_DATE, 1, BAD_NUMBER, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("12:00", "POSTED", 45), standby("12:05", "POSTED", 45)))));
        // 2"5 is a bad number; "MK01""" is the code MK01" (bad); the unterminated quote at 09:20 runs to
        // the end of the file as one 2-field record (short), swallowing 09:25 and 09:30.
        all.add(file("nasty_quotes.csv", 5, rejects(BAD_NUMBER, 1, BAD_ENTITY_CODE, 1, SHORT_ROW, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("09:00", "POSTED", 15), standby("09:05", "POSTED", 20)))));
        // Extra columns are ignored; 2, 1 and 3 fields are short (actual is required, 4 fields); 4 fields
        // load; ",,,," has 5 empty fields (not blank: missing code); "" and "   " are blank.
        all.add(file("nasty_columns.csv", 6, rejects(SHORT_ROW, 3, MISSING_FIELD, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("14:00", "POSTED", 45), standby("14:15", "POSTED", 45)))));
        all.add(file("nasty_reordered_header.csv", 3, rejects(), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("15:00", "POSTED", 45), standby("15:05", "ACTUAL", 41),
                        standby("15:10", "POSTED", 50)))));
        all.add(file("nasty_missing_observed_at.csv", 2, rejects(MISSING_FIELD, 2), csvs()));
        all.add(numbers());
        all.add(dates());
        // Valid: " mk01 ", "MK01\t" (trimmed), MK1, MK0001. Empty: missing. The other 19 are bad codes.
        all.add(file("nasty_entities.csv", 24, rejects(BAD_ENTITY_CODE, 19, MISSING_FIELD, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("17:05", "POSTED", 45), standby("17:19", "POSTED", 45),
                        "MK1,2024-01-15T17:20:00-05:00,POSTED,45", "MK0001,2024-01-15T17:21:00-05:00,POSTED,45"))));
        // Only keys ending in .csv are loaded; the others are reported as not wait-time files.
        all.add(new Expected("README.txt", false, 0, rejects(), csvs()));
        all.add(file("NASTY_UPPER.CSV", 2, rejects(), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("18:00", "POSTED", 45), standby("18:05", "POSTED", 40)))));
        all.add(file("space mountain (copy).csv", 2, rejects(), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("19:00", "POSTED", 45), standby("19:05", "POSTED", 40)))));
        all.add(fastpassValues());
        // FMIN and FWINMIN absent (= 0); 1030 and 1130 are compact.
        all.add(file("fastpass_lowercase_header.csv", 3, rejects(), csvs(
                "2024-01/mk_2024-01-16.csv", List.of(priority("2024-01-16T10:00:00-05:00", 60),
                        priority("2024-01-16T10:30:00-05:00", 60), priority("2024-01-16T10:31:00-05:00", 8888)))));
        all.add(file("fastpass_missing_fwinhr.csv", 2, rejects(MISSING_FIELD, 2), csvs()));
        all.add(file("fastpass_bom_crlf.csv", 2, rejects(), csvs(
                "2024-01/mk_2024-01-18.csv", List.of(priority("2024-01-18T10:30:00-05:00", 30),
                        priority("2024-01-18T10:35:00-05:00", 60)))));
        // Old format: the header is the skipped first record; 1030 is hour 1030 (never compact): bad
        // time; 6 fields are short; 7 fields give FWINMIN 0.
        all.add(file("fastpass_2017_nasty.csv", 7, rejects(BAD_DATE, 1, SHORT_ROW, 1), csvs(
                "2017-01/mk_2017-01-15.csv", List.of(priority("2017-01-15T10:30:00-05:00", 30),
                        priority("2017-01-15T10:31:00-05:00", 8888), priority("2017-01-15T10:33:00-05:00", 27),
                        priority("2017-01-15T10:34:00-05:00", 26), priority("2017-01-15T10:35:00-05:00", 30)))));
        all.add(file("fastpass_2013_first_record_only.csv", 0, rejects(), csvs()));
        // The quoted title with a line break is one first record, skipped.
        all.add(file("fastpass_2012_quoted_title.csv", 2, rejects(), csvs(
                "2012-01/mk_2012-01-15.csv", List.of(priority("2012-01-15T10:30:00-05:00", 30),
                        priority("2012-01-15T10:35:00-05:00", 30)))));
        // -999 and -999.0 are offline (6 values: 21:05, 21:10, 21:15, the actual at 21:20, both at
        // 21:25); -998 is out of range. 21:25 has two values, so it is no missing field.
        all.add(file("nasty_offline.csv", 8, rejects(OUT_OF_RANGE, 1, OFFLINE, 6), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("21:00", "POSTED", 35), standby("21:20", "POSTED", 40),
                        standby("21:35", "POSTED", 45)))));
        return all;
    }

    /** Posted column only, minutes 16:00 + i; then four rows with two values. */
    private static Expected numbers() {
        // Good: 30.0->30, " 45 "->45, 30.5->31, +15, "\t60\t"->60, 1000, 0, -0->0, then 45 (16:30),
        // 40.0->40 and 39.5->40 (16:33). Bad number: 1e3 NaN 0x10 "1,000" .5 5. Arabic and fullwidth
        // digits, Infinity, "45 min", "1 000" (11), abc actual at 16:30, abc posted at 16:31 (13).
        // Out of range: -0.5->-1, 1500, -5, 1001 (4), 1500 actual at 16:31 (5). -999 is offline.
        // 16:32: neither.
        return file("nasty_numbers.csv", 28, rejects(BAD_NUMBER, 13, OUT_OF_RANGE, 5, MISSING_FIELD, 1, OFFLINE, 1), csvs(
                "2024-01/mk_2024-01-15.csv", List.of(standby("16:00", "POSTED", 30), standby("16:01", "POSTED", 45),
                        standby("16:06", "POSTED", 31), standby("16:11", "POSTED", 15), standby("16:14", "POSTED", 60),
                        standby("16:15", "POSTED", 1000), standby("16:17", "POSTED", 0), standby("16:21", "POSTED", 0),
                        standby("16:30", "POSTED", 45), standby("16:33", "ACTUAL", 40), standby("16:33", "POSTED", 40))));
    }

    /** 32 observed_at cells, posted 45 each. */
    private static Expected dates() {
        // Good (13): 1990-01-01 08:00; 2099-12-31 08:00; +18:00 (= 2024-01-14 11:30 local); " ... 10:31:00 "
        // (trimmed); T10:32:00.123456789-05:00; 2024-03-10 02:30 (spring gap -> 03:30-04:00); 2024-11-03
        // 01:30 (earlier offset -04:00) and 01:30-05:00 (the later one); 2024-02-29; +05:30 and +0530
        // (00:03, 00:04 local, before 06:00 so the park day before); -05; T10:36Z (05:36 local).
        // Empty: missing (1). Bad (18): 02-30, 1900, 2100, 1989, 24:00, :60, t, z, slashes, d/m/y,
        // +19:00, 2024-1-5, two spaces, date only, " -05:00", "00.", 2023-02-29, epoch seconds.
        Map<String, List<String>> csvs = csvs(
                "1990-01/mk_1990-01-01.csv", List.of(at("1990-01-01T08:00:00-05:00")),
                "2099-12/mk_2099-12-31.csv", List.of(at("2099-12-31T08:00:00-05:00")),
                "2024-01/mk_2024-01-14.csv", List.of(at("2024-01-14T11:30:00-05:00"), at("2024-01-15T00:03:00-05:00"),
                        at("2024-01-15T00:04:00-05:00"), at("2024-01-15T05:36:00-05:00")),
                "2024-01/mk_2024-01-15.csv", List.of(at("2024-01-15T10:31:00-05:00"), at("2024-01-15T10:32:00-05:00"),
                        at("2024-01-15T10:35:00-05:00")),
                "2024-02/mk_2024-02-29.csv", List.of(at("2024-02-29T12:00:00-05:00")),
                "2024-03/mk_2024-03-09.csv", List.of(at("2024-03-10T03:30:00-04:00")),
                "2024-11/mk_2024-11-02.csv", List.of(at("2024-11-03T01:30:00-04:00"), at("2024-11-03T01:30:00-05:00")));
        return file("nasty_dates.csv", 32, rejects(BAD_DATE, 18, MISSING_FIELD, 1), csvs);
    }

    /** 31 new-format rows on 2024-01-15 unless said otherwise. */
    private static Expected fastpassValues() {
        // Valid: 10:30->11:00 (30), 103000->113000 (60) and 10:30->11:30 (60) share (MK01, 10:30), so the
        // last, 60, wins; 10:31 and 10:32 sold out (8888); 10:33->01:00 next day (867); 10.0:34->11:00
        // (26); "10,," -> 10:00->11:00 (60); 10:36->11:00 (24, FWINMIN absent); " 10 ":37 (23); 10:38->08:15
        // next day (1297); 23:00->22:40 next day (1420); 10:45->10:30 (-15); +10:39 (21); 00:50->01:10
        // (20, park day 01-14); 2024-03-10 02:30->03:30 (60, gap: 03:30-04:00, park day 03-09);
        // 2024-11-03 01:30->01:45 (15, -04:00, park day 11-02).
        // Bad time or date (8): hour 30, 2400, 1060, return 7999 (79:99), 30 Feb, 1900, 2100, hour -1.
        // Bad number (3): FMIN 7.5, 1e3, NaN. Short (2): 5 and 6 fields. Bad code (1): the look-alike.
        return file("fastpass_nasty_values.csv", 31, rejects(SHORT_ROW, 2, BAD_ENTITY_CODE, 1, BAD_DATE, 8, BAD_NUMBER, 3),
                csvs("2024-01/mk_2024-01-14.csv", List.of(priority("2024-01-15T00:50:00-05:00", 20)),
                        "2024-01/mk_2024-01-15.csv", List.of(priority(jan15("10:00"), 60), priority(jan15("10:30"), 60),
                                priority(jan15("10:31"), 8888), priority(jan15("10:32"), 8888), priority(jan15("10:33"), 867),
                                priority(jan15("10:34"), 26), priority(jan15("10:36"), 24), priority(jan15("10:37"), 23),
                                priority(jan15("10:38"), 1297), priority(jan15("10:39"), 21), priority(jan15("10:45"), -15),
                                priority(jan15("23:00"), 1420)),
                        "2024-03/mk_2024-03-09.csv", List.of(priority("2024-03-10T03:30:00-04:00", 60)),
                        "2024-11/mk_2024-11-02.csv", List.of(priority("2024-11-03T01:30:00-04:00", 15))));
    }

    private static Expected file(String name, long seen, Map<Reject, Long> rejects, Map<String, List<String>> csvs) {
        return new Expected(name, true, seen, rejects, csvs);
    }

    private static String jan15(String hhmm) {
        return "2024-01-15T" + hhmm + ":00-05:00";
    }

    private static String standby(String hhmm, String type, int minutes) {
        return "MK01," + jan15(hhmm) + "," + type + "," + minutes;
    }

    private static String at(String observedAt) {
        return "MK01," + observedAt + ",POSTED,45";
    }

    private static String priority(String observedAt, int minutes) {
        return "MK01," + observedAt + ",PRIORITY," + minutes;
    }

    private static Map<Reject, Long> rejects(Object... reasonAndCount) {
        Map<Reject, Long> m = new EnumMap<>(Reject.class);
        for (int i = 0; i < reasonAndCount.length; i += 2) {
            m.put((Reject) reasonAndCount[i], ((Number) reasonAndCount[i + 1]).longValue());
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> csvs(Object... pathAndRows) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndRows.length; i += 2) m.put((String) pathAndRows[i], (List<String>) pathAndRows[i + 1]);
        return m;
    }
}
