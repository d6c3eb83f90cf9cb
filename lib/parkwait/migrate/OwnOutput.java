package parkwait.migrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import parkwait.cli.ExitCodes;
import parkwait.cli.UserException;
import parkwait.io.AtomicFiles;

/**
 * Marks an output folder as written by this program (a small file in {@code state/}, written with
 * the run's first outputs; none beside the CSVs, where tools expect CSVs only), so that its own processed_files.json and CSVs are never taken for
 * the predecessor's. Outputs marked as ours beside a missing database mean the database was
 * deleted or moved: a state the run names, with what to do, instead of importing them.
 */
public final class OwnOutput {
    public static final String MARKER = ".written-by-parkwait";
    private static final byte[] TEXT = ("The files in this folder were written by parkwait (ingest.java). Keep this file:"
            + " it tells parkwait that they are its own output, not the predecessor's.\n").getBytes(StandardCharsets.UTF_8);

    private OwnOutput() {
    }

    /** True when the state folder carries the mark. */
    public static boolean marked(Path outputBase) {
        return Files.exists(outputBase.resolve("state").resolve(MARKER));
    }

    /** Writes the mark if it is missing (one existence check on most runs). */
    public static void mark(Path outputBase) throws IOException {
        Path marker = outputBase.resolve("state").resolve(MARKER);
        if (!Files.exists(marker)) AtomicFiles.write(marker, TEXT);
    }

    /** The sentence for outputs of ours without their database (exit 1). */
    public static UserException databaseGone(Path database, Path outputBase) {
        return new UserException(ExitCodes.FAILED, "The database " + database + " is missing, but " + outputBase
                + " holds CSVs and state files this program wrote: the database was deleted or moved, and they cannot"
                + " be trusted as a start. Put the database back from a backup, or run again with --full-rebuild to"
                + " rebuild it and every CSV from the source. Nothing was changed.");
    }
}
