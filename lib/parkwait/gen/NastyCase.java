package parkwait.gen;

import java.io.IOException;
import java.util.SplittableRandom;

/**
 * One file of the nasty set: its kind (which folder it goes to), its file name, and what it
 * holds.
 *
 * @param kind the folder kind; a non-csv name is listed under the kind whose folder holds it
 * @param name the file name within the property's folder
 * @param body writes the bytes
 */
record NastyCase(Kind kind, String name, Body body) {

    /** Writes one nasty file. {@code code} is a valid entity code of the file's property. */
    @FunctionalInterface
    interface Body {
        void write(CsvOut out, String code, SplittableRandom random, Spec spec) throws IOException;
    }

    /** Writes {@code header} as a header line, then each row as a data record, all ending in {@code eol}. */
    static void lines(CsvOut out, String eol, String header, String... rows) throws IOException {
        if (header != null) out.text(header).text(eol);
        for (String row : rows) {
            out.text(row).text(eol);
            out.countRecord();
        }
    }
}
