package parkwait.status;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import parkwait.store.StoreStats;

/**
 * Where a park's data has holes: the park days without any row between its first and last day
 * (as runs of consecutive days), and the days with far fewer rows than the park usually has
 * (under a tenth of its median rows per day with data). Both newest first. Pure: computed from
 * the rows per park day that status reads anyway.
 *
 * @param missingDays how many days in all the {@code missing} ranges
 * @param median      the park's median rows per day, over the days that have rows
 */
public record Gaps(String park, LocalDate first, LocalDate last, int daysWithRows, long median,
                   List<Range> missing, long missingDays, List<ThinDay> thin) {

    /** A thin day has fewer than median / THIN_DIVISOR rows. */
    static final int THIN_DIVISOR = 10;

    /** Consecutive days without rows, {@code from} to {@code to} inclusive. */
    public record Range(LocalDate from, LocalDate to) {
        public long days() {
            return ChronoUnit.DAYS.between(from, to) + 1;
        }

        @Override
        public String toString() {
            return from.equals(to) ? from.toString() : from + ".." + to + " (" + days() + " days)";
        }
    }

    /** A day with rows, but far fewer than the park's median. */
    public record ThinDay(LocalDate date, long rows) {
    }

    /** True when the park has neither missing nor thin days. */
    public boolean none() {
        return missing.isEmpty() && thin.isEmpty();
    }

    /** One entry per park, in the order given; {@code days} is ordered by park, then date. */
    static List<Gaps> of(List<StoreStats.ParkDay> days) {
        List<Gaps> all = new ArrayList<>();
        for (int i = 0; i < days.size(); ) {
            int start = i;
            String park = days.get(i).park();
            while (i < days.size() && days.get(i).park().equals(park)) i++;
            all.add(ofPark(park, days.subList(start, i)));
        }
        return all;
    }

    /** One park's days, oldest first, each with rows. */
    static Gaps ofPark(String park, List<StoreStats.ParkDay> days) {
        long median = median(days);
        List<Range> missing = new ArrayList<>();
        List<ThinDay> thin = new ArrayList<>();
        long missingDays = 0;
        for (int i = days.size() - 1; i >= 0; i--) {              // newest first
            StoreStats.ParkDay d = days.get(i);
            if (d.rows() * THIN_DIVISOR < median) thin.add(new ThinDay(d.date(), d.rows()));
            if (i > 0) {
                LocalDate before = days.get(i - 1).date();
                if (before.plusDays(1).isBefore(d.date())) {
                    Range r = new Range(before.plusDays(1), d.date().minusDays(1));
                    missing.add(r);
                    missingDays += r.days();
                }
            }
        }
        return new Gaps(park, days.get(0).date(), days.get(days.size() - 1).date(), days.size(), median,
                List.copyOf(missing), missingDays, List.copyOf(thin));
    }

    /** The lower median of rows per day (a whole number of rows, as people count them). */
    private static long median(List<StoreStats.ParkDay> days) {
        long[] rows = days.stream().mapToLong(StoreStats.ParkDay::rows).toArray();
        Arrays.sort(rows);
        return rows[(rows.length - 1) / 2];
    }
}
