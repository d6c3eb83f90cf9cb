package parkwait.gen;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes a regular standby file: the header, then records of
 * {@code entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id}.
 * Every record is one DESIGN 4.3 accepts: a posted time (mostly a multiple of 5 in 5..180), an
 * actual time, or both; junk only in {@code user_id}, which is never read.
 */
final class StandbyWriter {
    static final String HEADER = "entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id";
    private static final String[] JUNK_USER_IDS = {"n/a", "\"12,345\"", "=1+1", "guest", "-", "NULL", "\"say \"\"hi\"\"\""};

    private StandbyWriter() {}

    static void write(CsvOut out, FilePlan plan, SplittableRandom random) throws IOException {
        var codes = EntityCodes.standby(plan.property().attractions().get(
                plan.ordinal() % plan.property().attractions().size()), plan.rows());
        var clock = new ObservationClock(random, plan.property().zone(), plan.startDay(random), plan.rows());
        out.text(HEADER).endLine();
        for (long i = 0; i < plan.rows(); i++) {
            out.text(codes.get(random.nextInt(codes.size()))).comma()
                    .text(Timestamps.observedAt(random, clock.next(), plan.property().zone())).comma();
            double r = random.nextDouble();
            boolean posted = r < 0.90;
            boolean actual = r >= 0.88;
            if (posted) out.num(postedMinutes(random));
            out.comma();
            if (actual) out.num(5 + random.nextInt(146));
            out.comma();
            double u = random.nextDouble();
            if (u < 0.01) out.text(JUNK_USER_IDS[random.nextInt(JUNK_USER_IDS.length)]);
            else if (actual) out.num(1 + random.nextInt(999_999));
            out.endRecord();
        }
    }

    private static int postedMinutes(SplittableRandom random) {
        double r = random.nextDouble();
        if (r < 0.02) return 0;
        if (r < 0.04) return 1 + random.nextInt(240); // odd values occur in the exports too
        int fives = 1 + random.nextInt(12) + (random.nextBoolean() ? random.nextInt(25) : 0); // 5..180, mostly short
        return 5 * fives;
    }
}
