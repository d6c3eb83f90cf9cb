package parkwait.gen;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.SplittableRandom;

/**
 * Writes a regular fastpass file, new or old format (DESIGN 4.3). Records are
 * {@code FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN}; the old format adds four ignored
 * columns and starts with a header-ish line instead of a header. New files mix plain, HHMM and
 * HHMMSS hours; old ones are plain only. Some rows are sold out (FWINHR 8000..9999), some
 * return after midnight, a few return up to 15 minutes before they were observed (a negative
 * wait), and now and then a row repeats the previous (entity, observed) with another return,
 * as {@code current_fastpass.csv} does. Every record is one DESIGN 4.3 accepts.
 */
final class FastpassWriter {
    static final String HEADER = "FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN";
    private static final String[] SOURCES = {"app", "web", "lines", "kiosk"};

    private FastpassWriter() {}

    static void write(CsvOut out, FilePlan plan, SplittableRandom random) throws IOException {
        boolean old = plan.kind() == Kind.OLD_FASTPASS;
        var codes = EntityCodes.fastpass(plan.property(), plan.rows());
        var clock = new ObservationClock(random, plan.property().zone(), plan.startDay(random), plan.rows());
        if (old) {
            out.text("Fastpass return times export (legacy); attraction, day, month, year, hour, minute, "
                    + "return hour, return minute, user, park, source, note").endLine();
        } else {
            out.text(HEADER).endLine();
        }
        String code = codes.get(0);
        LocalDateTime observed = null;
        for (long i = 0; i < plan.rows(); i++) {
            if (observed == null || random.nextDouble() >= 0.005) {
                code = codes.get(random.nextInt(codes.size()));
                observed = clock.next();
            }
            out.text(code).comma().num(observed.getDayOfMonth()).comma().num(observed.getMonthValue()).comma()
                    .num(observed.getYear()).comma();
            hour(out, random, observed, old);
            out.comma();
            returnTime(out, random, observed, old);
            if (old) {
                out.comma().num(1 + random.nextInt(999_999)).comma().text(new Property.Attraction(code, "").prefix())
                        .comma().text(SOURCES[random.nextInt(SOURCES.length)]).comma();
                if (random.nextDouble() < 0.05) out.text("\"late, then rebooked\"");
            }
            out.endRecord();
        }
    }

    private static void returnTime(CsvOut out, SplittableRandom random, LocalDateTime observed, boolean old)
            throws IOException {
        double r = random.nextDouble();
        if (r < 0.03) { // DESIGN 4.3: a raw FWINHR in 8000..9999 means sold out
            int[] soldOut = {8888, 8888, 8888, 9999, 8000, 8000 + random.nextInt(2000)};
            out.num(soldOut[random.nextInt(soldOut.length)]).comma();
            if (random.nextBoolean()) out.num(random.nextInt(60));
            return;
        }
        long wait;
        boolean pastQuarter = observed.getHour() > 0 || observed.getMinute() >= 15;
        if (r < 0.05 && pastQuarter) wait = -random.nextInt(16); // a little before: -15..0 stays on the day
        else if (r < 0.10) wait = 360 + random.nextInt(600); // late returns, often after midnight
        else wait = random.nextInt(361);
        hour(out, random, observed.plusMinutes(wait), old);
    }

    /**
     * Writes "hour,minute" for {@code t}: plain, or for the new format sometimes compact HHMM or
     * HHMMSS (then the minute column is ignored, and holds the minute, 0 or nothing). Hour 0
     * cannot be compact (DESIGN 4.3: compact values cannot express times before 01:00).
     */
    private static void hour(CsvOut out, SplittableRandom random, LocalDateTime t, boolean old) throws IOException {
        double r = old || t.getHour() == 0 ? 0 : random.nextDouble();
        if (r < 0.6) {
            out.num(t.getHour()).comma().num(t.getMinute());
            return;
        }
        if (r < 0.85) out.num(t.getHour() * 100 + t.getMinute());
        else out.num(t.getHour() * 10_000 + t.getMinute() * 100 + random.nextInt(60));
        out.comma();
        double m = random.nextDouble();
        if (m < 0.5) out.num(t.getMinute());
        else if (m < 0.8) out.num(0);
    }
}
