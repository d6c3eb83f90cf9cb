package parkwait.parse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;

/**
 * Local times of one property's zone (DESIGN 4.3): localizing wall-clock times, converting
 * times that carry an offset, formatting {@code observed_at}, and the park date.
 *
 * <p>Keeps small caches of UTC offsets per local and per UTC hour (a zone lookup per row would
 * dominate parsing), so an instance belongs to one parse and one thread.
 */
public final class Times {
    /** A localized {@code observed_at}: its text, its park date and its instant. */
    public record Stamp(String observedAt, LocalDate parkDate, long epochSecond) {
    }

    private static final int CACHE_SIZE = 1 << 12;                // local hours, direct-mapped
    private static final long DAYS_0000_TO_1970 = 719_528L;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final long[] localHourKey = new long[CACHE_SIZE];
    private final int[] localHourOffset = new int[CACHE_SIZE];
    private final long[] utcHourKey = new long[CACHE_SIZE];
    private final int[] utcHourOffset = new int[CACHE_SIZE];
    private long lastEpochDay = Long.MIN_VALUE;
    private LocalDate lastDate;
    private long prevEpochDay = Long.MIN_VALUE;
    private LocalDate prevDate;

    /** Times in {@code zone}, the zone of the file's property. */
    public Times(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
        Arrays.fill(localHourKey, Long.MIN_VALUE);
        Arrays.fill(utcHourKey, Long.MIN_VALUE);
    }

    /** The zone these times are in. */
    public ZoneId zone() {
        return zone;
    }

    /**
     * A wall-clock time of the property. DESIGN 4.3: a time in the spring-forward gap moves
     * later by the gap (02:30 -> 03:30-04:00); one in the fall-back hour takes the earlier
     * offset (01:30-04:00 in New York). Seconds are kept, nanoseconds dropped.
     */
    public Stamp local(LocalDateTime t) {
        return local(t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond());
    }

    /**
     * A time written with an offset, converted to the property's local time and offset, so
     * that one instant written two ways is one row (DESIGN 4.3).
     */
    public Stamp withOffset(LocalDateTime t, ZoneOffset offset) {
        return atInstant(t.toEpochSecond(offset));
    }

    /** Fast path for already validated fields; see {@link #local(LocalDateTime)}. */
    Stamp local(int year, int month, int day, int hour, int minute, int second) {
        return atInstant(epochSecond(year, month, day, hour, minute, second));
    }

    /** The instant of a wall-clock time, by the rules of {@link #local(LocalDateTime)}. */
    long epochSecond(int year, int month, int day, int hour, int minute, int second) {
        long localSecond = epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        long localHour = Math.floorDiv(localSecond, 3600L);
        int slot = (int) (localHour & (CACHE_SIZE - 1));
        if (localHourKey[slot] != localHour) {
            ZoneOffset clean = cleanLocalOffset(localHour);
            if (clean == null) {
                // ZonedDateTime.of implements exactly DESIGN 4.3's rule: gap -> later by the
                // gap, overlap -> earlier offset.
                return ZonedDateTime.of(year, month, day, hour, minute, second, 0, zone).toEpochSecond();
            }
            localHourKey[slot] = localHour;
            localHourOffset[slot] = clean.getTotalSeconds();
        }
        return localSecond - localHourOffset[slot];
    }

    /** The property's local time, offset and park date at an instant. */
    public Stamp atInstant(long epochSecond) {
        long utcHour = Math.floorDiv(epochSecond, 3600L);
        int slot = (int) (utcHour & (CACHE_SIZE - 1));
        int offset;
        if (utcHourKey[slot] == utcHour) {
            offset = utcHourOffset[slot];
        } else {
            offset = rules.getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
            int atStart = rules.getOffset(Instant.ofEpochSecond(utcHour * 3600L)).getTotalSeconds();
            int atEnd = rules.getOffset(Instant.ofEpochSecond(utcHour * 3600L + 3599)).getTotalSeconds();
            if (atStart == atEnd) {                 // no transition inside this hour: cacheable
                utcHourKey[slot] = utcHour;
                utcHourOffset[slot] = atStart;
            }
        }
        long localSecond = epochSecond + offset;
        long day = Math.floorDiv(localSecond, 86_400L);
        int secondOfDay = (int) Math.floorMod(localSecond, 86_400L);
        int hour = secondOfDay / 3600;
        LocalDate date = date(day);
        LocalDate parkDate = hour < 6 ? date(day - 1) : date;   // DESIGN 4.3: before 06:00
        String text = format(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour,
                secondOfDay / 60 % 60, secondOfDay % 60, offset);
        return new Stamp(text, parkDate, epochSecond);
    }

    /** DESIGN 4.3: the local date of observed_at, minus one day if its local hour is < 6. */
    public static LocalDate parkDate(LocalDateTime local) {
        LocalDate d = local.toLocalDate();
        return local.getHour() < 6 ? d.minusDays(1) : d;
    }

    /**
     * ISO 8601 with seconds and a numeric offset, never {@code Z}: {@code 2024-01-15T10:30:00-05:00},
     * {@code +00:00} for UTC, {@code +09:00} for Tokyo.
     */
    public static String format(LocalDateTime local, ZoneOffset offset) {
        return format(local.getYear(), local.getMonthValue(), local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond(), offset.getTotalSeconds());
    }

    /** True for a real calendar date with a year in 1990..2099 (DESIGN 4.3). */
    public static boolean isValidDate(long year, long month, long day) {
        if (year < 1990 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
        return day <= daysInMonth((int) year, (int) month);
    }

    static int daysInMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a valid date (LocalDate.toEpochDay's arithmetic, without allocating). */
    static long epochDay(int y, int m, int d) {
        if (y < 0) return LocalDate.of(y, m, d).toEpochDay();   // the shortcut below needs y >= 0
        long total = 365L * y + (y + 3) / 4 - (y + 99) / 100 + (y + 399) / 400;
        total += (367 * m - 362) / 12 + d - 1;
        if (m > 2) {
            total--;
            if (daysInMonth(y, 2) == 28) total--;
        }
        return total - DAYS_0000_TO_1970;
    }

    /** The single offset valid for the whole local hour, or null if a transition touches it. */
    private ZoneOffset cleanLocalOffset(long localHour) {
        LocalDateTime start = LocalDateTime.ofEpochSecond(localHour * 3600L, 0, ZoneOffset.UTC);
        List<ZoneOffset> atStart = rules.getValidOffsets(start);
        List<ZoneOffset> atEnd = rules.getValidOffsets(start.plusSeconds(3599));
        if (atStart.size() != 1 || atEnd.size() != 1 || !atStart.get(0).equals(atEnd.get(0))) return null;
        return atStart.get(0);
    }

    /** The date of an epoch day; the last two are remembered, as rows come in time order. */
    private LocalDate date(long epochDay) {
        if (epochDay == lastEpochDay) return lastDate;
        if (epochDay == prevEpochDay) return prevDate;
        prevEpochDay = lastEpochDay;
        prevDate = lastDate;
        lastEpochDay = epochDay;
        lastDate = LocalDate.ofEpochDay(epochDay);
        return lastDate;
    }

    private static String format(int year, int month, int day, int hour, int minute, int second,
                                 int offsetSeconds) {
        if (year < 0 || year > 9999) {
            return java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                    LocalDateTime.of(year, month, day, hour, minute, second)
                            .atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)));
        }
        int abs = Math.abs(offsetSeconds);
        int offSec = abs % 60;
        char[] c = new char[offSec == 0 ? 25 : 28];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, month, 2);
        c[7] = '-';
        digits(c, 8, day, 2);
        c[10] = 'T';
        digits(c, 11, hour, 2);
        c[13] = ':';
        digits(c, 14, minute, 2);
        c[16] = ':';
        digits(c, 17, second, 2);
        c[19] = offsetSeconds < 0 ? '-' : '+';   // DESIGN 4.3: never Z, +00:00 instead
        digits(c, 20, abs / 3600, 2);
        c[22] = ':';
        digits(c, 23, abs / 60 % 60, 2);
        if (offSec != 0) {                        // only historical zones; kept exact
            c[25] = ':';
            digits(c, 26, offSec, 2);
        }
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
