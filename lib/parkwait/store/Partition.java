package parkwait.store;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;

/** One output partition: a park and a park date (DESIGN 4.5). Ordered by park, then date. */
public record Partition(String park, LocalDate date) implements Comparable<Partition> {
    private static final Comparator<Partition> ORDER =
            Comparator.comparing(Partition::park).thenComparing(Partition::date);

    public Partition {
        Objects.requireNonNull(park, "park");
        Objects.requireNonNull(date, "date");
    }

    @Override
    public int compareTo(Partition other) {
        return ORDER.compare(this, other);
    }
}
