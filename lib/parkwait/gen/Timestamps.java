package parkwait.gen;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.SplittableRandom;

/**
 * Writes standby {@code observed_at} values in the forms the exports use: mostly
 * {@code 2024-01-15 10:30:00}; sometimes with {@code T}, with an offset ({@code Z},
 * {@code -05:00}, {@code -0500}, {@code -05}), with a fraction of a second, or without seconds.
 * Every form is one DESIGN 4.3 accepts, and an offset is always the zone's true offset at that
 * time, so the instant is the one the local time means.
 */
final class Timestamps {
    private Timestamps() {}

    static String observedAt(SplittableRandom random, LocalDateTime local, ZoneId zone) {
        double r = random.nextDouble();
        if (r < 0.85) return date(local) + ' ' + time(local, true);
        if (r < 0.90) return date(local) + 'T' + time(local, true);
        if (r < 0.94) return withOffset(random, local, zone);
        if (r < 0.97) {
            String fraction = random.nextBoolean() ? ".5" : "." + (100 + random.nextInt(900));
            return date(local) + (random.nextBoolean() ? ' ' : 'T') + time(local, true) + fraction;
        }
        return date(local) + ' ' + time(local, false);
    }

    private static String withOffset(SplittableRandom random, LocalDateTime local, ZoneId zone) {
        ZonedDateTime z = ZonedDateTime.of(local, zone); // a time in a spring gap moves later, as DESIGN 4.3 reads it
        char sep = random.nextBoolean() ? 'T' : ' ';
        double r = random.nextDouble();
        if (r < 0.15) {
            LocalDateTime utc = z.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
            return date(utc) + sep + time(utc, true) + 'Z';
        }
        LocalDateTime shown = z.toLocalDateTime();
        int seconds = z.getOffset().getTotalSeconds();
        String sign = seconds < 0 ? "-" : "+";
        int hours = Math.abs(seconds) / 3600;
        int minutes = Math.abs(seconds) / 60 % 60;
        String offset;
        if (r < 0.70 || minutes != 0) offset = sign + two(hours) + ':' + two(minutes);
        else if (r < 0.85) offset = sign + two(hours) + two(minutes);
        else offset = sign + two(hours);
        return date(shown) + sep + time(shown, true) + offset;
    }

    static String date(LocalDateTime t) {
        return t.getYear() + "-" + two(t.getMonthValue()) + '-' + two(t.getDayOfMonth());
    }

    static String time(LocalDateTime t, boolean seconds) {
        return two(t.getHour()) + ':' + two(t.getMinute()) + (seconds ? ":" + two(t.getSecond()) : "");
    }

    static String two(int n) { return n < 10 ? "0" + n : Integer.toString(n); }
}
