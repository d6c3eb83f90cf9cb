package parkwait.parse;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The standby {@code observed_at} grammar (DESIGN 4.3), checked by hand, character by character:
 * {@code YYYY-MM-DD}, one {@code T} or one space, {@code HH:MM}, optionally {@code :SS} and then
 * optionally {@code .digits}, optionally followed directly by {@code Z}, {@code ±HH:MM},
 * {@code ±HHMM} or {@code ±HH} (at most 18:00). Upper-case {@code T}/{@code Z} only; hour 24 and
 * second 60 are bad; fractions of a second are dropped; years outside 1990..2099 are bad.
 */
public final class ObservedAt {
    private ObservedAt() {
    }

    /** The localized stamp of a trimmed cell, or empty if the cell breaks the grammar. */
    public static Optional<Times.Stamp> parse(String cell, Times times) {
        char[] c = cell.toCharArray();
        return Optional.ofNullable(parse(c, 0, c.length, times));
    }

    /** As {@link #parse(String, Times)} on {@code b[s, e)}; null when bad. */
    static Times.Stamp parse(char[] b, int s, int e, Times times) {
        int n = e - s;
        if (n < 16) return null;
        int year = num(b, s, 4);
        int month = num(b, s + 5, 2);
        int day = num(b, s + 8, 2);
        int hour = num(b, s + 11, 2);
        int minute = num(b, s + 14, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return null;
        if (b[s + 4] != '-' || b[s + 7] != '-' || b[s + 13] != ':') return null;
        if (b[s + 10] != 'T' && b[s + 10] != ' ') return null;
        int i = s + 16;
        int second = 0;
        if (i < e && b[i] == ':') {
            if (i + 3 > e || (second = num(b, i + 1, 2)) < 0) return null;
            i += 3;
            if (i < e && b[i] == '.') {       // fraction: one or more digits, then dropped
                int j = ++i;
                while (i < e && b[i] >= '0' && b[i] <= '9') i++;
                if (i == j) return null;
            }
        }
        // DESIGN 4.3: hour 24 and second 60 are bad; impossible dates and years are bad.
        if (hour > 23 || minute > 59 || second > 59 || !Times.isValidDate(year, month, day)) return null;
        if (i == e) return times.local(year, month, day, hour, minute, second);
        int offsetSeconds = offset(b, i, e);
        if (offsetSeconds == Integer.MIN_VALUE) return null;
        return times.withOffset(LocalDateTime.of(year, month, day, hour, minute, second),
                ZoneOffset.ofTotalSeconds(offsetSeconds));
    }

    /** Seconds of {@code Z}, {@code ±HH:MM}, {@code ±HHMM} or {@code ±HH} filling b[i, e); MIN_VALUE if bad. */
    private static int offset(char[] b, int i, int e) {
        if (b[i] == 'Z') return i + 1 == e ? 0 : Integer.MIN_VALUE;
        if (b[i] != '+' && b[i] != '-') return Integer.MIN_VALUE;
        int sign = b[i] == '-' ? -1 : 1;
        int rest = e - i - 1;
        int hh;
        int mm = 0;
        if (rest == 2) {
            hh = num(b, i + 1, 2);
        } else if (rest == 4) {
            hh = num(b, i + 1, 2);
            mm = num(b, i + 3, 2);
        } else if (rest == 5 && b[i + 3] == ':') {
            hh = num(b, i + 1, 2);
            mm = num(b, i + 4, 2);
        } else {
            return Integer.MIN_VALUE;
        }
        if (hh < 0 || mm < 0 || mm > 59 || hh * 60 + mm > 18 * 60) return Integer.MIN_VALUE;
        return sign * (hh * 3600 + mm * 60);
    }

    /** The value of exactly {@code width} ASCII digits at {@code at}, or -1. */
    private static int num(char[] b, int at, int width) {
        int v = 0;
        for (int i = at; i < at + width; i++) {
            char c = b[i];
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
