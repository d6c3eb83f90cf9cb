package parkwait.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import parkwait.store.StoreStats.ParkDay;

/** Missing and thin park days, worked out by hand. */
class GapsTest {
    static ParkDay day(String park, String date, long rows) {
        return new ParkDay(park, LocalDate.parse(date), rows);
    }

    @Test
    void missingDaysAreRangesAndThinDaysAreUnderATenthOfTheMedianNewestFirst() {
        List<ParkDay> days = List.of(day("ak", "2024-01-01", 100), day("ak", "2024-01-02", 120),
                day("ak", "2024-01-05", 9), day("ak", "2024-01-06", 105), day("ak", "2024-01-08", 110),
                day("ak", "2024-01-09", 1), day("mk", "2024-01-01", 5));
        List<Gaps> all = Gaps.of(days);
        assertEquals(2, all.size());
        Gaps ak = all.get(0);
        // Rows sorted: 1 9 100 105 110 120; the lower median is the third, 100: thin is under 10 rows.
        assertEquals(100, ak.median());
        assertEquals(List.of(new Gaps.Range(LocalDate.parse("2024-01-07"), LocalDate.parse("2024-01-07")),
                new Gaps.Range(LocalDate.parse("2024-01-03"), LocalDate.parse("2024-01-04"))), ak.missing());
        assertEquals(3, ak.missingDays());
        assertEquals(List.of(new Gaps.ThinDay(LocalDate.parse("2024-01-09"), 1), new Gaps.ThinDay(LocalDate.parse("2024-01-05"), 9)),
                ak.thin());
        assertEquals("2024-01-03..2024-01-04 (2 days)", ak.missing().get(1).toString());
        assertTrue(all.get(1).none(), "one day: nothing missing, nothing thin");
    }

    @Test
    void aTypicalParkWithOneNearEmptyDayFlagsThatDayOnly() {
        List<ParkDay> days = new ArrayList<>();
        for (int d = 1; d <= 28; d++) days.add(day("ep", String.format("2024-02-%02d", d), d == 14 ? 30 : 400 + d));
        Gaps ep = Gaps.ofPark("ep", days);
        assertEquals(List.of(), ep.missing());
        assertEquals(List.of(new Gaps.ThinDay(LocalDate.parse("2024-02-14"), 30)), ep.thin());
        assertEquals(28, ep.daysWithRows());
    }
}
