package parkwait.gen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The entity codes that appear in one generated file. */
final class EntityCodes {
    private static final long ROWS_PER_ENTITY = 20_000;

    private EntityCodes() {}

    /**
     * For a standby file: its attraction's code, and for big files more codes of the same park
     * ({@code MK02}, {@code MK03}, ...) so that millions of rows stay within a few hundred days.
     */
    static List<String> standby(Property.Attraction main, long rows) {
        int count = (int) Math.max(1, Math.min(99, (rows + ROWS_PER_ENTITY - 1) / ROWS_PER_ENTITY));
        var codes = new LinkedHashSet<String>();
        codes.add(main.code());
        for (int n = 1; codes.size() < count; n++) codes.add(main.prefix() + two(n));
        return List.copyOf(codes);
    }

    /** For a fastpass file: every attraction of the property, and for big files more of each park. */
    static List<String> fastpass(Property property, long rows) {
        var codes = new LinkedHashSet<String>();
        for (var a : property.attractions()) codes.add(a.code());
        long wanted = Math.max(codes.size(), Math.min(99, (rows + ROWS_PER_ENTITY - 1) / ROWS_PER_ENTITY));
        List<Property.Attraction> all = new ArrayList<>(property.attractions());
        for (int n = 1; codes.size() < wanted; n++) {
            for (var a : all) {
                if (codes.size() < wanted) codes.add(a.prefix() + two(n));
            }
        }
        return List.copyOf(codes);
    }

    private static String two(int n) { return n < 10 ? "0" + n : Integer.toString(n); }
}
