package parkwait.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import parkwait.io.AtomicFiles;
import parkwait.parse.FactRow;
import parkwait.store.Partition;
import parkwait.store.Store;

/**
 * Rewrites the CSV of a dirty partition from the database (DESIGN 4.5): its bytes depend only on
 * its rows, never on the order files were loaded in. A partition left with no rows loses its file.
 */
public final class PartitionWriter {
    private final Store store;
    private final Path outputBase;

    public PartitionWriter(Store store, Path outputBase) {
        this.store = store;
        this.outputBase = outputBase;
    }

    /** Writes one partition's file atomically; returns its row count (0: the file was removed). */
    public long write(Partition p) throws IOException {
        Path file = PartitionFiles.fileOf(outputBase, p.park(), p.date());
        long[] rows = {0};
        byte[] header = PartitionFiles.HEADER.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> {
            out.write(header);
            StringBuilder line = new StringBuilder(64);
            try {
                rows[0] = store.forEachRow(p, row -> {
                    line.setLength(0);
                    appendLine(line, row);
                    try {
                        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
        if (rows[0] == 0) Files.deleteIfExists(file);
        return rows[0];
    }

    /** One CSV line. No quoting is ever needed: every field is validated or generated. */
    static void appendLine(StringBuilder b, FactRow row) {
        b.append(row.entityCode()).append(',').append(row.observedAt()).append(',').append(row.type().name())
                .append(',').append(row.minutes()).append('\n');
    }
}
