package parkwait.gen;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What to generate. The same spec always gives the same keys and the same bytes.
 *
 * <p>{@code files} regular data files are dealt out over the properties first, then over the
 * kinds: file {@code i} belongs to property {@code i % P} and kind {@code (i / P) % K}. So 15
 * files over the five properties and three kinds give one file of each kind per property, and
 * {@code files = 1} gives one standby file of the first property. {@code rows} data records
 * (header and skipped first records not counted) are split over those files as evenly as
 * possible, so their total is exactly {@code rows}. The nasty set, when asked for, comes on top
 * with its own fixed, small number of records (see {@link NastyFiles}).
 *
 * @param seed          seed of every random choice
 * @param properties    properties in the order files are dealt out; not empty, no repeats
 * @param kinds         kinds to write, dealt out in the order standby, fastpass, old fastpass; not empty
 * @param files         regular data files in total, {@code >= 0}
 * @param rows          data records in total over the regular files, {@code >= 0}
 * @param nasty         also write the nasty set (malformed files and keys)
 * @param crlf          end the regular files' lines in CRLF instead of LF
 * @param longLineBytes if {@code > 0}, the nasty set gets a file with one record about this long
 */
public record Spec(long seed, List<Property> properties, Set<Kind> kinds, int files, long rows,
                   boolean nasty, boolean crlf, int longLineBytes) {

    public Spec {
        properties = List.copyOf(properties);
        kinds = Set.copyOf(kinds);
        if (properties.isEmpty()) throw new IllegalArgumentException("Name at least one property.");
        if (properties.stream().distinct().count() != properties.size()) {
            throw new IllegalArgumentException("A property is named twice: " + properties + ".");
        }
        if (kinds.isEmpty()) throw new IllegalArgumentException("Name at least one file kind.");
        if (files < 0 || rows < 0 || longLineBytes < 0) {
            throw new IllegalArgumentException("Files, rows and the long-line size cannot be negative.");
        }
        if (rows > 0 && files == 0) {
            throw new IllegalArgumentException(rows + " rows were asked for but no files to hold them.");
        }
    }

    /** All five properties, all three kinds, the nasty set, LF line ends, no long line. */
    public static Spec of(long seed, int files, long rows) {
        return new Spec(seed, List.of(Property.values()), EnumSet.allOf(Kind.class), files, rows, true, false, 0);
    }

    /** This spec with other properties. */
    public Spec withProperties(List<Property> properties) {
        return new Spec(seed, properties, kinds, files, rows, nasty, crlf, longLineBytes);
    }

    /** This spec with other kinds. */
    public Spec withKinds(Set<Kind> kinds) {
        return new Spec(seed, properties, kinds, files, rows, nasty, crlf, longLineBytes);
    }

    /** This spec with or without the nasty set. */
    public Spec withNasty(boolean nasty) {
        return new Spec(seed, properties, kinds, files, rows, nasty, crlf, longLineBytes);
    }

    /** This spec with CRLF (true) or LF (false) line ends in the regular files. */
    public Spec withCrlf(boolean crlf) {
        return new Spec(seed, properties, kinds, files, rows, nasty, crlf, longLineBytes);
    }

    /** This spec with a long-line file of about {@code bytes} in the nasty set (0: none). */
    public Spec withLongLine(int bytes) {
        return new Spec(seed, properties, kinds, files, rows, nasty, crlf, bytes);
    }

    /** The kinds in their fixed deal-out order (standby, fastpass, old fastpass), whatever the set's order. */
    List<Kind> orderedKinds() {
        return EnumSet.copyOf(kinds).stream().toList();
    }
}
