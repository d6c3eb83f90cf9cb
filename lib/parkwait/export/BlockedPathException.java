package parkwait.export;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Something a person put where a partition file or its month folder belongs (a folder named like
 * the CSV, a file named like the month). The run stops with the path and what to do, never
 * replacing or deleting what is there.
 */
public final class BlockedPathException extends IOException {
    private BlockedPathException(String message) {
        super(message);
    }

    static BlockedPathException folderAt(Path file) {
        return new BlockedPathException("There is a folder at " + file + ", where this partition's CSV file belongs,"
                + " so the CSVs could not all be written. Move or rename that folder and run again (nothing is lost:"
                + " the CSVs not written are still marked and are written by the next run).");
    }

    static BlockedPathException fileAt(Path folder) {
        return new BlockedPathException("There is a file at " + folder + ", where a month folder of partition CSVs belongs,"
                + " so the CSVs could not all be written. Move or rename that file and run again (nothing is lost:"
                + " the CSVs not written are still marked and are written by the next run).");
    }
}
