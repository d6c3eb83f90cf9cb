package parkwait.status;

import java.time.Duration;
import parkwait.lock.Ages;

/** Ages of data for people: "3 h 5 min" under two days, whole days past that, "in the future" when negative. */
final class AgeWords {
    private AgeWords() {
    }

    static String of(Duration d) {
        if (d.isNegative()) return of(d.negated()) + " in the future";
        if (d.toHours() >= 48) return d.toDays() + " days";
        return Ages.human(d);
    }
}
