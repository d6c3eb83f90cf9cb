package parkwait.gen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.SplittableRandom;

/**
 * The observation times of one file, in local wall-clock time, never decreasing. Parks open at
 * 07:00 and usually close at 23:xx; some nights run past midnight into the early morning (the
 * hours before 06:00 that count for the previous park day, DESIGN 4.3), and the night before a
 * DST transition always runs to 04:00 and always includes one time inside the odd hour (02:30
 * in a spring gap, 01:30 in a fall overlap). The pace is set so a file covers at least three
 * days and at most about 700, whatever its size.
 */
final class ObservationClock {
    private static final LocalTime OPEN = LocalTime.of(7, 0);
    private static final long OPEN_SECONDS_PER_DAY = 17 * 3600;

    private final SplittableRandom random;
    private final ZoneId zone;
    private final long meanStep;
    private LocalDateTime now;
    private LocalDateTime close;
    private LocalDateTime oddTime;

    ObservationClock(SplittableRandom random, ZoneId zone, LocalDate start, long rows) {
        this.random = random;
        this.zone = zone;
        long spanDays = Math.max(3, Math.min(700, rows / 150));
        this.meanStep = Math.max(1, spanDays * OPEN_SECONDS_PER_DAY / Math.max(1, rows));
        openDay(start);
    }

    /** The next observation time (the first call gives the first). */
    LocalDateTime next() {
        LocalDateTime candidate = now.plusSeconds(1 + random.nextLong(2 * meanStep));
        if (oddTime != null && !candidate.isBefore(oddTime)) {
            candidate = oddTime;
            oddTime = null;
        }
        if (candidate.isAfter(close)) {
            openDay(close.toLocalTime().isBefore(OPEN) ? close.toLocalDate() : close.toLocalDate().plusDays(1));
            return now;
        }
        now = candidate;
        return now;
    }

    private void openDay(LocalDate day) {
        now = day.atTime(OPEN).plusSeconds(random.nextLong(Math.min(meanStep, 1800) + 1));
        var dst = DstDays.on(zone, day.plusDays(1));
        double r = random.nextDouble();
        if (dst.isPresent()) {
            close = day.plusDays(1).atTime(4, 0);
            oddTime = DstDays.oddTime(dst.get());
        } else if (r < 0.18) {
            close = day.plusDays(1).atTime(0, 30).plusMinutes(random.nextInt(120));
        } else if (r < 0.22) {
            close = day.plusDays(1).atTime(5, 45);
        } else {
            close = day.atTime(23, random.nextInt(60));
        }
    }
}
