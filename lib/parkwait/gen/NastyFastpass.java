package parkwait.gen;

import static parkwait.gen.FastpassWriter.HEADER;
import static parkwait.gen.NastyCase.lines;

import java.util.List;

/**
 * The nasty fastpass files, new and old format: compact-hour edge cases, sold-out sentinels,
 * short rows, optional and missing columns, impossible dates, a BOM, and old files whose first
 * record is a real header, a multi-line quoted title, or all there is (DESIGN 4.3).
 */
final class NastyFastpass {
    private static final String BOM = "\uFEFF";

    private NastyFastpass() {}

    static List<NastyCase> cases() {
        return List.of(
                new NastyCase(Kind.FASTPASS, "fastpass_nasty_values.csv", (out, e, r, s) -> lines(out, "\n", HEADER,
                        e + ",15,1,2024,10,30,11,0",        // valid: 30 minutes
                        e + ",15,1,2024,30,0,11,0",         // hour 30: compact cannot say 00:30
                        e + ",15,1,2024,2400,0,11,0",       // HHMM hour 24
                        e + ",15,1,2024,1060,0,11,0",       // HHMM minute 60
                        e + ",15,1,2024,103000,99,113000,99", // HHMMSS, minute columns ignored
                        e + ",15,1,2024,10,30,7999,0",      // not sold out: HHMM hour 79
                        e + ",15,1,2024,10,31,8000,0",      // sold out
                        e + ",15,1,2024,10,32,9999,junk",   // sold out; FWINMIN not read
                        e + ",15,1,2024,10,33,10000,0",     // HHMMSS 01:00:00, next day
                        e + ",15,1,2024,10,7.5,11,0",       // minute not integral
                        e + ",15,1,2024,10.0,34,11,0",      // 10.0 is 10
                        e + ",30,2,2024,10,30,11,0",        // 30 February
                        e + ",15,1,1900,10,30,11,0",
                        e + ",15,1,2100,10,30,11,0",
                        e + ",15,1,2024,10,,11,",           // empty minutes are 0
                        e + ",15,1,2024,10",                // short
                        e + ",15,1,2024,10,35",             // short: FWINHR missing
                        e + ",15,1,2024,10,36,11",          // FWINMIN absent is 0
                        e + ",15,1,2024,1e3,30,11,0",
                        e + ",15,1,2024,NaN,30,11,0",
                        e + ",15,1,2024, 10 ,37,11,0",
                        e + ",15,1,2024,10,38,8,15",        // more than 15 minutes before: next day
                        e + ",15,1,2024,23,0,22,40",        // 20 minutes before: next day
                        e + ",15,1,2024,10,45,10,30",       // 15 minutes before: same day, -15
                        e + ",15,1,2024,-1,30,11,0",
                        e + ",15,1,2024,+10,39,11,0",
                        e + ",15,1,2024,10,30,11,30",       // same (entity, observed) as the first row: last wins
                        NastyStandby.lookAlike(e) + ",15,1,2024,10,40,11,0",
                        e + ",15,1,2024,0,50,1,10",         // plain hour 0 is fine
                        e + ",10,3,2024,2,30,3,30",         // a wall-clock time in the spring gap
                        e + ",3,11,2024,1,30,1,45")),       // in the repeated fall hour
                new NastyCase(Kind.FASTPASS, "fastpass_lowercase_header.csv", (out, e, r, s) -> lines(out, "\n",
                        "fattid, fday ,fmonth,fyear,fhour,fwinhr",
                        e + ",16,1,2024,10,11", e + ",16,1,2024,1030,1130", e + ",16,1,2024,1031,8888")),
                new NastyCase(Kind.FASTPASS, "fastpass_missing_fwinhr.csv", (out, e, r, s) -> lines(out, "\n",
                        "FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINMIN",
                        e + ",17,1,2024,10,30,0", e + ",17,1,2024,10,35,0")),
                new NastyCase(Kind.FASTPASS, "fastpass_bom_crlf.csv", (out, e, r, s) -> lines(out, "\r\n", BOM + HEADER,
                        e + ",18,1,2024,10,30,11,0", e + ",18,1,2024,1035,0,1135,0")),
                new NastyCase(Kind.OLD_FASTPASS, "fastpass_2017_nasty.csv", (out, e, r, s) -> {
                    out.text(HEADER + ",FUSERID,FPARK,FSOURCE,FNOTE\r\n"); // a real header, still skipped
                    lines(out, "\r\n", null,
                            e + ",15,1,2017,10,30,11,0,123,MK,app,",
                            e + ",15,1,2017,1030,0,11,0,123,MK,app,",     // old hours are never compact
                            e + ",15,1,2017,10,31,8888,0,123,MK,app,",
                            e + ",15,1,2017,10,32",
                            e + ",15,1,2017,10,33,11,0",
                            e + ",15,1,2017,10,34,11");
                    lines(out, "\n", null, e + ",15,1,2017,10,35,11,5,124,MK,web,\"note, with comma\"");
                }),
                new NastyCase(Kind.OLD_FASTPASS, "fastpass_2013_first_record_only.csv", (out, e, r, s) ->
                        out.text("Fastpass return times export (legacy), no rows")),
                new NastyCase(Kind.OLD_FASTPASS, "fastpass_2012_quoted_title.csv", (out, e, r, s) -> {
                    out.text("\"Fastpass export\nsecond line of the title\",2012\n");
                    lines(out, "\n", null, e + ",15,1,2012,10,30,11,0,1,MK,app,", e + ",15,1,2012,10,35,11,5,1,MK,app,");
                }));
    }
}
