package parkwait.parse;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.function.Consumer;

/**
 * The one entry point for parsing a source file into fact rows (DESIGN 4.3).
 *
 * <pre>
 *   ParseStats stats = Parser.parse(FileKind.classify(key), in,
 *           Parks.defaultZone(Parks.propertyOfKey(key).orElseThrow()), rows::add);
 * </pre>
 */
public final class Parser {
    private Parser() {
    }

    /**
     * Parses one file, giving each clean row to {@code sink} and counting the rest.
     *
     * <p>Standby rows reach the sink while the stream is read; priority rows are buffered per
     * file (they collapse, last one wins) and reach the sink after the last byte is read, so an
     * {@link IOException} mid-file leaves a priority sink untouched. A malformed file never
     * throws: its bad rows are counted in the returned stats. The stream is not closed.
     *
     * @param zone the zone of the file's property, for times without an offset
     * @throws IllegalArgumentException for {@link FileKind#UNKNOWN}
     * @throws IOException              only when reading {@code in} fails
     */
    public static ParseStats parse(FileKind kind, InputStream in, ZoneId zone, Consumer<FactRow> sink)
            throws IOException {
        CsvReader reader = new CsvReader(in);
        Times times = new Times(zone);
        return switch (kind) {
            case STANDBY -> new StandbyParser(times, sink).parse(reader);
            case NEW_FASTPASS -> new FastpassParser(false, times).parse(reader, sink);
            case OLD_FASTPASS -> new FastpassParser(true, times).parse(reader, sink);
            case UNKNOWN -> throw new IllegalArgumentException(
                    "Cannot parse a file of unknown kind: only standby and fastpass exports have a format.");
        };
    }

    /**
     * Moves to the first non-blank record: the header, or the record old fastpass skips.
     * Blank lines before it are skipped like blank lines anywhere (DESIGN 4.3).
     *
     * @return false if the file has no non-blank record
     */
    static boolean skipToFirstRecord(CsvReader r) throws IOException {
        while (r.next()) {
            if (!r.isBlank()) return true;
        }
        return false;
    }
}
