package parkwait.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import parkwait.io.AtomicFiles;
import parkwait.store.Store;

/**
 * {@code state/rejected_rows.csv}: the rejected records the database keeps, for people with a
 * spreadsheet. UTF-8 with a byte-order mark (without it Excel reads UTF-8 as the local code page),
 * LF line ends, every text cell made safe by {@link CsvCells}; rewritten atomically.
 */
public final class RejectedRowsCsv {
    public static final String FILE_NAME = "rejected_rows.csv";
    static final String HEADER = "key,line,reason,raw_text\n";

    private RejectedRowsCsv() {
    }

    /** Writes the file from the database; returns how many rows it holds. */
    public static long write(Path stateDir, Store store) throws IOException {
        long[] n = {0};
        AtomicFiles.write(stateDir.resolve(FILE_NAME), out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            w.write('\uFEFF');
            w.write(HEADER);
            try {
                store.forEachRejectedRow(r -> {
                    try {
                        w.write(CsvCells.text(r.key()) + ',' + r.line() + ',' + CsvCells.text(r.reason().label()) + ','
                                + CsvCells.text(r.text()) + '\n');
                        n[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            w.flush();
        });
        return n[0];
    }
}
