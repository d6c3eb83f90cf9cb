package parkwait.gen;

import static parkwait.gen.NastyCase.lines;
import static parkwait.gen.StandbyWriter.HEADER;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The nasty standby files: broken encodings, line ends, quoting, columns, numbers, dates and
 * entity codes, plus odd keys. Each file mixes a few good rows with the bad ones, so a reader
 * can check that good rows load and bad rows are counted (DESIGN 4.3).
 */
final class NastyStandby {
    private static final String BOM = "\uFEFF";
    private static final String T = "2024-01-15 ";

    private NastyStandby() {}

    static List<NastyCase> cases() {
        var c = new ArrayList<NastyCase>();
        c.add(new NastyCase(Kind.STANDBY, "nasty_empty.csv", (out, e, r, s) -> { }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_header_only.csv", (out, e, r, s) -> lines(out, "\n", HEADER)));
        c.add(new NastyCase(Kind.STANDBY, "nasty_bom_crlf.csv", (out, e, r, s) -> lines(out, "\r\n", BOM + HEADER,
                e + "," + T + "10:30:00,45,,", e + "," + T + "10:35:00,50,,", e + "," + T + "10:40:00,,38,77")));
        c.add(new NastyCase(Kind.STANDBY, "nasty_mixed_line_endings.csv", (out, e, r, s) -> {
            out.text(HEADER + "\n");
            out.text(e + "," + T + "10:30:00,45,,\r\n");
            out.text(e + "," + T + "10:35:00,50,,\n");
            out.text(e + "," + T + "10:40:00,55,,\r"); // DESIGN 4.3: a lone CR is data, so this joins the next line
            out.text(e + "," + T + "10:45:00,60,,\n");
            out.text("\r\n \t \n\n");
            out.text(e + "," + T + "10:50:00,65,,\n");
            for (int i = 0; i < 4; i++) out.countRecord();
        }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_truncated.csv", (out, e, r, s) -> {
            lines(out, "\n", HEADER, e + "," + T + "13:30:00,20,,", e + "," + T + "13:35:00,25,,");
            out.text(e + "," + T + "13:4");
            out.countRecord();
        }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_binary.csv", (out, e, r, s) -> {
            lines(out, "\n", HEADER, e + "," + T + "11:00:00,30,,");
            byte[] junk = new byte[600];
            r.nextBytes(junk);
            out.raw(junk).text("\n");
            lines(out, "\n", null, e + "," + T + "11:05:00,35,,");
            out.countRecord();
        }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_latin1.csv", (out, e, r, s) -> {
            out.text(HEADER + "\n");
            out.text(e + "," + T + "12:00:00,45,,Jos").raw(latin1("\u00e9")).text("\n"); // junk in user_id only: loads
            out.text(e + "," + T + "12:05:00,45,,Jos\u00e9\n");                              // valid UTF-8 in user_id
            out.text(e).raw(latin1("\u00e9")).text("," + T + "12:10:00,45,,\n");              // U+FFFD in the code
            out.text(e + ",2024-01-15").raw(latin1("\u00a0")).text("12:15:00,45,,\n");      // NBSP in the time
            out.text(e + "," + T + "12:20:00,4").raw(latin1("\u00b0")).text(",,\n");         // degree sign in a number
            for (int i = 0; i < 5; i++) out.countRecord();
        }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_quotes.csv", (out, e, r, s) -> lines(out, "\n", HEADER,
                e + "," + T + "09:00:00,15,,",
                "\"" + e + "\",\"" + T + "09:05:00\",\"20\",\"\",\"a \"\"quoted\"\" id\"",
                e + "," + T + "09:10:00,2\"5,,",
                "\"" + e + "\"\"\"," + T + "09:15:00,25,,",
                e + ",\"" + T + "09:20:00,30,,",     // unterminated: DESIGN 4.3 runs it to the end of the file
                e + "," + T + "09:25:00,35,,",
                e + "," + T + "09:30:00,40,,")));
        c.add(new NastyCase(Kind.STANDBY, "nasty_columns.csv", (out, e, r, s) -> lines(out, "\n", HEADER,
                e + "," + T + "14:00:00,45,,,extra,more",
                e + "," + T + "14:05:00",
                e,
                e + "," + T + "14:10:00,45",
                e + "," + T + "14:15:00,45,",
                "",
                ",,,,",
                "   ")));
        c.add(new NastyCase(Kind.STANDBY, "nasty_reordered_header.csv", (out, e, r, s) -> lines(out, "\n",
                " User_ID ,SUBMITTED_ACTUAL_TIME,Observed_At,ENTITY_CODE,submitted_posted_time",
                ",," + T + "15:00:00," + e + ",45", "123,41," + T + "15:05:00," + e + ",",
                ",," + T + "15:10:00," + e.toLowerCase(java.util.Locale.ROOT) + ",50")));
        c.add(new NastyCase(Kind.STANDBY, "nasty_missing_observed_at.csv", (out, e, r, s) -> lines(out, "\n",
                "entity_code,submitted_posted_time,submitted_actual_time,user_id", e + ",45,,", e + ",50,,")));
        c.add(new NastyCase(Kind.STANDBY, "nasty_numbers.csv", (out, e, r, s) -> {
            String[] values = {"30.0", " 45 ", "1e3", "NaN", "0x10", "\"1,000\"", "30.5", "-0.5", "1500", "-999",
                    "-5", "+15", ".5", "5.", "\t60\t", "1000", "1001", "0", "\u0663\u0660", "\uff13\uff10",
                    "Infinity", "-0", "45 min", "1 000"};
            out.text(HEADER + "\n");
            for (int i = 0; i < values.length; i++) {
                out.text(e + "," + T + "16:" + Timestamps.two(i) + ":00," + values[i] + ",,\n").countRecord();
            }
            lines(out, "\n", null, e + "," + T + "16:30:00,45,abc,", e + "," + T + "16:31:00,abc,1500,",
                    e + "," + T + "16:32:00,,,", e + "," + T + "16:33:00,40.0,39.5,");
        }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_dates.csv", (out, e, r, s) -> {
            String[] times = {"2024-02-30 10:00:00", "1900-01-15 10:00:00", "2100-01-15 10:00:00",
                    "1989-12-31 23:00:00", "1990-01-01 08:00:00", "2099-12-31 08:00:00", "2024-01-15 24:00:00",
                    "2024-01-15 23:59:60", "2024-01-15t10:30:00", "2024-01-15T10:30:00z", "2024/01/15 10:30:00",
                    "15/01/2024 10:30", "", "2024-01-15 10:30:00+19:00", "2024-01-15 10:30:00+18:00",
                    "2024-1-5 9:30:00", "2024-01-15  10:30:00", " 2024-01-15 10:31:00 ", "2024-01-15",
                    "2024-01-15 10:30:00 -05:00", "2024-01-15 10:30:00.", "2024-01-15T10:32:00.123456789-05:00",
                    "2024-03-10 02:30:00", "2024-11-03 01:30:00", "2024-11-03 01:30:00-05:00",
                    "2024-02-29 12:00:00", "2023-02-29 12:00:00", "1705312200", "2024-01-15 10:33:00+05:30",
                    "2024-01-15 10:34:00+0530", "2024-01-15 10:35:00-05", "2024-01-15T10:36Z"};
            out.text(HEADER + "\n");
            for (String t : times) out.text(e + "," + t + ",45,,\n").countRecord();
        }));
        c.add(new NastyCase(Kind.STANDBY, "nasty_entities.csv", (out, e, r, s) -> {
            String[] codes = {"../" + e, e.substring(0, 2) + "/" + e.substring(2), e.substring(0, 2) + "\\" + e.substring(2),
                    e.substring(0, 2) + "\u0000" + e.substring(2), e.substring(0, 2) + " " + e.substring(2),
                    " " + e.toLowerCase(java.util.Locale.ROOT) + " ", "=" + e, "+" + e, "-" + e, "@" + e,
                    lookAlike(e), "\u039cK01", e.substring(0, 2) + "\uff10\uff11", "ABCDEF01", "MK", "01", "",
                    "\"=HYPERLINK(\"\"http://example.com\"\",\"\"" + e + "\"\")\"", e + ";DROP", e + "\t",
                    "MK1", "MK0001", "MK-01", "\u041cK01"};
            out.text(HEADER + "\n");
            for (int i = 0; i < codes.length; i++) {
                out.text(codes[i] + "," + T + "17:" + Timestamps.two(i) + ":00,45,,\n").countRecord();
            }
        }));
        c.add(new NastyCase(Kind.STANDBY, "README.txt", (out, e, r, s) -> out.text(
                "Not a CSV export: a key that does not end in .csv must be skipped, never loaded.\n")));
        c.add(new NastyCase(Kind.STANDBY, "NASTY_UPPER.CSV", (out, e, r, s) -> lines(out, "\n", HEADER,
                e + "," + T + "18:00:00,45,,", e + "," + T + "18:05:00,40,,")));
        c.add(new NastyCase(Kind.STANDBY, "space mountain (copy).csv", (out, e, r, s) -> lines(out, "\n", HEADER,
                e + "," + T + "19:00:00,45,,", e + "," + T + "19:05:00,40,,")));
        c.add(new NastyCase(Kind.STANDBY, "nasty_long_line.csv", NastyStandby::longLine));
        return c;
    }

    /**
     * Cases added after the first 25, placed after the fastpass ones so that every earlier case keeps
     * its property (NastyFiles deals cases out in list order) and the sample bucket's earlier files
     * stay byte-identical.
     */
    static List<NastyCase> later() {
        // TouringPlans' standby exports write exactly -999 for "ride unexpectedly offline".
        return List.of(new NastyCase(Kind.STANDBY, "nasty_offline.csv", (out, e, r, s) -> lines(out, "\n", HEADER,
                e + "," + T + "21:00:00,35,,", e + "," + T + "21:05:00,-999,,", e + "," + T + "21:10:00,-999,,",
                e + "," + T + "21:15:00,-999.0,,", e + "," + T + "21:20:00,40,-999,", e + "," + T + "21:25:00,-999,-999,",
                e + "," + T + "21:30:00,-998,,", e + "," + T + "21:35:00,45,,")));
    }

    /** One record of about {@code spec.longLineBytes()} bytes (the junk is in user_id, so it loads), then a short one. */
    private static void longLine(CsvOut out, String e, java.util.SplittableRandom r, Spec spec) throws java.io.IOException {
        out.text(HEADER + "\n" + e + "," + T + "20:00:00,45,,");
        byte[] chunk = new byte[4096];
        for (long left = spec.longLineBytes(); left > 0; left -= chunk.length) {
            for (int i = 0; i < chunk.length; i++) chunk[i] = (byte) ('a' + r.nextInt(26));
            out.raw(left >= chunk.length ? chunk : java.util.Arrays.copyOf(chunk, (int) left));
        }
        out.text("\n" + e + "," + T + "20:05:00,40,,\n");
        out.countRecord();
        out.countRecord();
    }

    /** The code with its first letter that has one replaced by a Cyrillic look-alike (МK01), else a fixed one. */
    static String lookAlike(String code) {
        String latin = "ABCEHIKMOPSTX";
        String cyrillic = "\u0410\u0412\u0421\u0415\u041d\u0406\u041a\u041c\u041e\u0420\u0405\u0422\u0425";
        for (int i = 0; i < code.length(); i++) {
            int k = latin.indexOf(code.charAt(i));
            if (k >= 0) return code.substring(0, i) + cyrillic.charAt(k) + code.substring(i + 1);
        }
        return "\u041cK01";
    }

    private static byte[] latin1(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }
}
