package parkwait.gen;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One regular data file to write.
 *
 * @param key      the object key, e.g. {@code export/fastpass_times/wdw/current_fastpass.csv}
 * @param kind     its format
 * @param property its property
 * @param ordinal  its position among the files of this property and kind (0, 1, ...)
 * @param rows     data records to write
 */
record FilePlan(String key, Kind kind, Property property, int ordinal, long rows) {

    // DESIGN 4.2: these markers make a fastpass key "old"; the new keys must avoid all of them.
    private static final String[] OLD_NAMES = {"fastpass_2016", "fastpass_2019_01", "fastpass_2015",
            "fastpass_2019_02", "fastpass_2017", "fastpass_2018", "fastpass_201901", "fastpass_2014",
            "fastpass_2013", "fastpass_2012", "fastpass_201902"};
    private static final YearMonth FIRST_NEW_MONTH = YearMonth.of(2021, 3);
    private static final int NEW_MONTHS = 46; // 2021-03 .. 2024-12

    /** The regular files of a spec, in deal-out order (see {@link Spec}). */
    static List<FilePlan> of(Spec spec) {
        List<Property> props = spec.properties();
        List<Kind> kinds = spec.orderedKinds();
        int[][] ordinals = new int[Property.values().length][Kind.values().length];
        var plans = new ArrayList<FilePlan>(spec.files());
        for (int i = 0; i < spec.files(); i++) {
            Property p = props.get(i % props.size());
            Kind k = kinds.get((i / props.size()) % kinds.size());
            int ordinal = ordinals[p.ordinal()][k.ordinal()]++;
            long rows = spec.rows() / spec.files() + (i < spec.rows() % spec.files() ? 1 : 0);
            plans.add(new FilePlan(k.folder(p) + name(k, p, ordinal), k, p, ordinal, rows));
        }
        return plans;
    }

    private static String name(Kind kind, Property p, int ordinal) {
        return switch (kind) {
            case STANDBY -> {
                var list = p.attractions();
                yield list.get(ordinal % list.size()).slug() + round(ordinal / list.size()) + ".csv";
            }
            case FASTPASS -> {
                if (ordinal == 0) yield "current_fastpass.csv";
                YearMonth m = FIRST_NEW_MONTH.plusMonths((ordinal - 1) % NEW_MONTHS);
                yield "fastpass_" + m.getYear() + "_" + two(m.getMonthValue())
                        + round((ordinal - 1) / NEW_MONTHS) + ".csv";
            }
            case OLD_FASTPASS -> OLD_NAMES[ordinal % OLD_NAMES.length] + round(ordinal / OLD_NAMES.length) + ".csv";
        };
    }

    /**
     * The first day of the file. Files named for a month or year start in it; the others start
     * two days before a DST transition of the property's zone (spring or fall) or on a random day.
     */
    LocalDate startDay(SplittableRandom random) {
        int propertyIndex = property.ordinal();
        int variant = (ordinal + propertyIndex) % 3;
        int year;
        Integer month = null;
        if (kind == Kind.OLD_FASTPASS) {
            String marker = OLD_NAMES[ordinal % OLD_NAMES.length].substring("fastpass_".length());
            year = Integer.parseInt(marker.substring(0, 4));
            if (marker.length() > 4) month = Integer.parseInt(marker.substring(marker.length() - 2));
        } else if (kind == Kind.FASTPASS && ordinal > 0) {
            YearMonth m = FIRST_NEW_MONTH.plusMonths((ordinal - 1) % NEW_MONTHS);
            year = m.getYear();
            month = m.getMonthValue();
        } else {
            year = 2024 - (ordinal / 3) % 3;
        }
        for (var spring : new boolean[] {true, false}) {
            var t = DstDays.transition(property.zone(), year, spring);
            if (t.isEmpty()) continue;
            LocalDate day = t.get().getDateTimeBefore().toLocalDate();
            boolean wanted = month == null ? variant == (spring ? 0 : 1) : day.getMonthValue() == month;
            if (wanted) return day.minusDays(2);
        }
        int m = month != null ? month : 1 + random.nextInt(12);
        return LocalDate.of(year, m, 1 + random.nextInt(25));
    }

    private static String round(int round) { return round == 0 ? "" : "_r" + (round + 1); }

    private static String two(int n) { return n < 10 ? "0" + n : Integer.toString(n); }
}
