package parkwait.parse;

/** Cell rules shared by all formats (DESIGN 4.3): trimming, numbers, entity codes. */
final class Cells {
    /** Marks a cell that is not a number by the grammar. */
    static final long NOT_A_NUMBER = Long.MIN_VALUE;
    /** Marks an integer field holding a fraction (7.5). */
    static final long NOT_INTEGRAL = Long.MIN_VALUE + 1;

    private Cells() {
    }

    /** ASCII whitespace only: space, tab, CR, LF, VT, FF. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == '\f';
    }

    static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) a++;
        while (b > a && isSpace(s.charAt(b - 1))) b--;
        return a == 0 && b == s.length() ? s : s.substring(a, b);
    }

    /**
     * A trimmed non-empty cell as a number rounded half away from zero, or NOT_A_NUMBER.
     * Grammar {@code ^[+-]?[0-9]+(\.[0-9]+)?$}; huge values saturate (they fail any range check).
     * With {@code integral}, a non-zero fraction gives NOT_INTEGRAL.
     */
    static long number(String s, boolean integral) {
        int n = s.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int digitsStart = i;
        long value = 0;
        boolean saturated = false;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            if (value > 100_000_000_000_000L) saturated = true;
            else value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == digitsStart) return NOT_A_NUMBER;
        boolean roundUp = false;
        boolean fractionNonZero = false;
        if (i < n) {
            if (s.charAt(i) != '.') return NOT_A_NUMBER;
            i++;
            int fracStart = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                if (s.charAt(i) != '0') fractionNonZero = true;
                i++;
            }
            if (i == fracStart || i != n) return NOT_A_NUMBER;
            roundUp = s.charAt(fracStart) >= '5';
        }
        if (integral && fractionNonZero) return NOT_INTEGRAL;
        if (saturated) value = 1_000_000_000_000_000L;
        if (roundUp) value++;
        return negative ? -value : value;
    }

    /** Upper-cases ASCII letters only and validates {@code ^[A-Z]{1,5}[0-9]+$}; null when invalid. */
    static String entityCode(String trimmed) {
        int n = trimmed.length();
        char[] out = new char[n];
        int letters = 0;
        int i = 0;
        for (; i < n; i++) {
            char c = trimmed.charAt(i);
            if (c >= 'a' && c <= 'z') c = (char) (c - 32);
            if (c < 'A' || c > 'Z') break;
            out[i] = c;
            letters++;
        }
        if (letters < 1 || letters > 5 || i == n) return null;
        for (; i < n; i++) {
            char c = trimmed.charAt(i);
            if (c < '0' || c > '9') return null;
            out[i] = c;
        }
        return new String(out);
    }
}
