package parkwait.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Observed times: the standby grammar, localisation to the property's zone, formatting (DESIGN 4.3). */
public final class Times {
    private Times() {
    }

    /** A time localised to its property: local date-time, offset and instant. */
    public record Local(LocalDateTime local, ZoneOffset offset, long epochSecond) {
        /** {@code 2024-01-15T10:30:00-05:00}: seconds always, never {@code Z}. */
        public String iso() {
            StringBuilder b = new StringBuilder(25);
            LocalDate d = local.toLocalDate();
            pad(b, d.getYear(), 4).append('-');
            pad(b, d.getMonthValue(), 2).append('-');
            pad(b, d.getDayOfMonth(), 2).append('T');
            pad(b, local.getHour(), 2).append(':');
            pad(b, local.getMinute(), 2).append(':');
            pad(b, local.getSecond(), 2);
            int total = offset.getTotalSeconds();
            b.append(total < 0 ? '-' : '+');
            total = Math.abs(total);
            pad(b, total / 3600, 2).append(':');
            pad(b, total / 60 % 60, 2);
            return b.toString();
        }

        /** DESIGN 4.3: the local date, minus one day before 06:00. */
        public LocalDate parkDate() {
            LocalDate d = local.toLocalDate();
            return local.getHour() < 6 ? d.minusDays(1) : d;
        }
    }

    /**
     * Localises a wall-clock time of the property: a time in the spring-forward gap moves later
     * by the gap, an ambiguous one takes the earlier offset (java.time's ofLocal does exactly this).
     */
    public static Local localize(LocalDateTime wallClock, ZoneId zone) {
        ZonedDateTime z = ZonedDateTime.ofLocal(wallClock, zone, null);
        return new Local(z.toLocalDateTime(), z.getOffset(), z.toEpochSecond());
    }

    /** Converts a time written with an offset to the property's local time and offset. */
    public static Local fromOffset(LocalDateTime written, ZoneOffset offset, ZoneId zone) {
        ZonedDateTime z = written.atOffset(offset).atZoneSameInstant(zone);
        return new Local(z.toLocalDateTime(), z.getOffset(), z.toEpochSecond());
    }

    /**
     * Parses a standby {@code observed_at} (already trimmed) and localises it; null when it is not
     * exactly {@code YYYY-MM-DD[T ]HH:MM[:SS[.digits]][Z|±HH:MM|±HHMM|±HH]} or not a real time.
     */
    public static Local parseObserved(String s, ZoneId zone) {
        int n = s.length();
        if (n < 16 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':') return null;
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = 0;
        int i = 16;
        if (i < n && s.charAt(i) == ':') {
            second = n >= i + 3 ? digits(s, i + 1, 2) : -1;
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
                if (i == start) return null;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
        ZoneOffset offset = null;
        if (i < n) {
            offset = offset(s, i);
            if (offset == null) return null;
        }
        LocalDateTime wall = dateTime(year, month, day, hour, minute, second);
        if (wall == null) return null;
        return offset == null ? localize(wall, zone) : fromOffset(wall, offset, zone);
    }

    /** A real date-time with year 1990..2099, hour 0..23, minute and second 0..59; else null. */
    public static LocalDateTime dateTime(long year, long month, long day, long hour, long minute, long second) {
        if (year < 1990 || year > 2099 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        try {
            return LocalDateTime.of((int) year, (int) month, (int) day, (int) hour, (int) minute, (int) second);
        } catch (DateTimeException e) {
            return null; // month 13, February 30, ...
        }
    }

    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        char sign = s.charAt(i);
        if (sign == 'Z') return i + 1 == n ? ZoneOffset.UTC : null;
        if (sign != '+' && sign != '-') return null;
        int rest = n - i - 1;
        int h;
        int m = 0;
        if (rest == 2) {
            h = digits(s, i + 1, 2);
        } else if (rest == 4) {
            h = digits(s, i + 1, 2);
            m = digits(s, i + 3, 2);
        } else if (rest == 5 && s.charAt(i + 3) == ':') {
            h = digits(s, i + 1, 2);
            m = digits(s, i + 4, 2);
        } else {
            return null;
        }
        if (h < 0 || m < 0 || m > 59 || h * 60 + m > 18 * 60) return null;
        int total = (h * 3600 + m * 60) * (sign == '-' ? -1 : 1);
        return ZoneOffset.ofTotalSeconds(total);
    }

    /** The value of {@code len} ASCII digits at {@code at}, or -1. */
    private static int digits(String s, int at, int len) {
        if (at + len > s.length()) return -1;
        int v = 0;
        for (int k = at; k < at + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static StringBuilder pad(StringBuilder b, int v, int width) {
        String s = Integer.toString(v);
        for (int k = s.length(); k < width; k++) b.append('0');
        return b.append(s);
    }
}
