package parkwait.parse;

/**
 * Finds named columns in a header record (DESIGN 4.3: names matched trimmed and ASCII
 * case-insensitively). Records which required ones are absent and how many fields a row needs
 * to reach its last required column.
 */
final class Columns {
    /** Index of each wanted name in the header, -1 if absent. The first of duplicates wins. */
    final int[] index;
    /** True when a required name is absent: every row of the file is then "missing field". */
    final boolean requiredMissing;
    /** Fields a row needs to reach its last required column that the header has (DESIGN 4.3). */
    final int needed;

    Columns(int[] index, boolean[] required) {
        this.index = index;
        boolean missing = false;
        int last = -1;
        for (int i = 0; i < index.length; i++) {
            if (!required[i]) continue;
            if (index[i] < 0) missing = true;
            else last = Math.max(last, index[i]);
        }
        this.requiredMissing = missing;
        this.needed = last + 1;
    }

    /** Looks the names up in the current record of {@code header}. */
    static Columns fromHeader(CsvReader header, String[] names, boolean[] required) {
        int[] index = new int[names.length];
        java.util.Arrays.fill(index, -1);
        for (int f = header.size() - 1; f >= 0; f--) {    // backwards so the first duplicate wins
            String cell = header.trimmed(f);
            for (int i = 0; i < names.length; i++) {
                if (equalsAsciiIgnoreCase(cell, names[i])) index[i] = f;
            }
        }
        return new Columns(index, required);
    }

    /** Columns at fixed positions 0, 1, 2 ... (old fastpass has no header). */
    static Columns positional(boolean[] required) {
        int[] index = new int[required.length];
        for (int i = 0; i < index.length; i++) index[i] = i;
        return new Columns(index, required);
    }

    /** ASCII-only case folding: no locale, and no non-ASCII letter folds onto an ASCII one. */
    static boolean equalsAsciiIgnoreCase(String a, String b) {
        if (a.length() != b.length()) return false;
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x >= 'A' && x <= 'Z') x += 32;
            if (y >= 'A' && y <= 'Z') y += 32;
            if (x != y) return false;
        }
        return true;
    }
}
