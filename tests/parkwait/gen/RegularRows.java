package parkwait.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A deliberately small, strict reading of DESIGN 4.3 for the generator's regular files: says
 * why a record would be rejected, or null. Not the project's parser: a second opinion on the
 * test data.
 */
final class RegularRows {
    private static final Pattern ENTITY = Pattern.compile("[A-Z]{1,5}[0-9]+");
    private static final Pattern OBSERVED = Pattern.compile(
            "(199\\d|20\\d\\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?"
                    + "(Z|[+-](0\\d|1[0-8])(:?[0-5]\\d)?)?");
    private static final Pattern INT = Pattern.compile("[0-9]+");

    private RegularRows() {}

    /** Splits one CSV line (RFC 4180 quoting, no embedded line ends). */
    static List<String> split(String line) {
        var fields = new ArrayList<String>();
        var cur = new StringBuilder();
        boolean quoted = false;
        boolean start = true;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { cur.append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.append(c);
            } else if (c == '"' && start) { quoted = true; start = false; }
            else if (c == ',') { fields.add(cur.toString()); cur.setLength(0); start = true; }
            else { cur.append(c); start = false; }
        }
        if (quoted) throw new IllegalArgumentException("unterminated quote in " + line);
        fields.add(cur.toString());
        return fields;
    }

    static String standby(String line) {
        var f = split(line);
        if (f.size() != 5) return "not 5 fields";
        if (!ENTITY.matcher(f.get(0)).matches()) return "entity";
        if (!OBSERVED.matcher(f.get(1)).matches()) return "observed_at";
        if (f.get(2).isEmpty() && f.get(3).isEmpty()) return "no value";
        for (int i = 2; i <= 3; i++) {
            if (f.get(i).isEmpty()) continue;
            if (!INT.matcher(f.get(i)).matches() || Integer.parseInt(f.get(i)) > 1000) return "value";
        }
        return null;
    }

    /** For new ({@code compactAllowed}) and old fastpass records. */
    static String fastpass(String line, boolean compactAllowed) {
        var f = split(line);
        if (f.size() != (compactAllowed ? 8 : 12)) return "field count " + f.size();
        if (!ENTITY.matcher(f.get(0)).matches()) return "entity";
        for (int i = 1; i <= 6; i++) {
            if (i != 5 && !INT.matcher(f.get(i)).matches()) return "number in column " + i;
        }
        int year = Integer.parseInt(f.get(3));
        if (year < 1990 || year > 2099) return "year";
        java.time.LocalDate.of(year, Integer.parseInt(f.get(2)), Integer.parseInt(f.get(1)));
        int[] observed = hourMinute(f.get(4), f.get(5), compactAllowed);
        if (observed == null) return "observed hour";
        int winhr = Integer.parseInt(f.get(6));
        if (winhr >= 8000 && winhr <= 9999) return null; // sold out
        int[] back = hourMinute(f.get(6), f.get(7), compactAllowed);
        if (back == null) return "return hour";
        int wait = back[0] * 60 + back[1] - (observed[0] * 60 + observed[1]);
        if (wait < -15) wait += 1440;
        return wait >= -15 && wait <= 1440 ? null : "wait " + wait;
    }

    private static int[] hourMinute(String hour, String minute, boolean compactAllowed) {
        int v = Integer.parseInt(hour);
        int h;
        int m;
        if (compactAllowed && v >= 10_000) { h = v / 10_000; m = v / 100 % 100; }
        else if (compactAllowed && v >= 100) { h = v / 100; m = v % 100; }
        else {
            h = v;
            m = minute.isEmpty() ? 0 : Integer.parseInt(minute);
        }
        return h <= 23 && m <= 59 ? new int[] {h, m} : null;
    }
}
