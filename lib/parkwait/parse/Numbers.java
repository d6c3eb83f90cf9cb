package parkwait.parse;

/**
 * Number cells (DESIGN 4.3), read straight from a record's characters without regex or
 * intermediate strings. A number is {@code ^[+-]?[0-9]+(\.[0-9]+)?$} after trimming; anything
 * else ({@code 1e3}, {@code NaN}, {@code 0x10}, {@code 1,000}) is bad.
 */
public final class Numbers {
    /** Returned for a cell that is not a number (or, for integers, not integral). */
    public static final long BAD = Long.MIN_VALUE;

    // Magnitudes are clamped here: far outside every range, and the clamp cannot overflow.
    private static final long CLAMP = 1_000_000_000_000_000L;

    private Numbers() {
    }

    /** The number in {@code s}, rounded half away from zero ({@code 30.5} -> 31, {@code -0.5} -> -1). */
    public static long rounded(CharSequence s) {
        char[] c = s.toString().toCharArray();
        return rounded(c, 0, c.length);
    }

    /** The number in {@code s} if it is integral ({@code 7.0} -> 7; {@code 7.5} is {@link #BAD}). */
    public static long integral(CharSequence s) {
        char[] c = s.toString().toCharArray();
        return integral(c, 0, c.length);
    }

    static long rounded(char[] b, int s, int e) {
        return parse(b, s, e, false);
    }

    static long integral(char[] b, int s, int e) {
        return parse(b, s, e, true);
    }

    private static long parse(char[] b, int s, int e, boolean integralOnly) {
        if (s >= e) return BAD;
        boolean negative = false;
        if (b[s] == '+' || b[s] == '-') {
            negative = b[s] == '-';
            s++;
        }
        long value = 0;
        int digits = 0;
        while (s < e && b[s] >= '0' && b[s] <= '9') {
            value = Math.min(value * 10 + (b[s] - '0'), CLAMP);
            s++;
            digits++;
        }
        if (digits == 0) return BAD;
        if (s < e) {
            if (b[s] != '.') return BAD;
            s++;
            if (s >= e) return BAD;                      // "7." is not a number
            // DESIGN 4.3: half away from zero; the first fraction digit decides.
            boolean roundUp = b[s] >= '5';
            boolean nonZero = false;
            for (int i = s; i < e; i++) {
                char c = b[i];
                if (c < '0' || c > '9') return BAD;
                if (c != '0') nonZero = true;
            }
            if (integralOnly && nonZero) return BAD;
            if (roundUp) value++;
        }
        return negative ? -value : value;
    }
}
