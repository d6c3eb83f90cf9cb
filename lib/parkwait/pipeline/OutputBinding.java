package parkwait.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import parkwait.cli.ExitCodes;
import parkwait.cli.UserException;

/**
 * One output folder, one state folder (issue 12). The run lock lives in the state folder, so it
 * keeps apart only runs that share one; and the database says which CSVs are current only for the
 * output folder it wrote. The first run therefore binds the two: the same random id goes into
 * {@code <output>/.parkwait-output} (created atomically, so of two state folders started together
 * on one output only one wins) and {@code <state>/output-binding}. Every later run checks that both
 * name the same id, and stops with exit 2 and a sentence otherwise, before writing anything. The
 * output's file also names the state folder's path, so a run killed between the two writes is
 * recognised by the next run on the same state folder.
 */
final class OutputBinding {
    static final String OUTPUT_FILE = ".parkwait-output";
    static final String STATE_FILE = "output-binding";

    private OutputBinding() {
    }

    /**
     * Binds or checks; call under the run lock.
     *
     * @param fullRebuild a full rebuild rewrites every CSV, so it may bind a state folder to an output
     *                    folder that has no binding yet
     * @throws UserException (exit 2) when the two folders belong to other partners
     */
    static void check(Path output, Path state, boolean fullRebuild) throws IOException {
        Path outFile = output.resolve(OUTPUT_FILE);
        Path stateFile = state.resolve(STATE_FILE);
        String[] out = read(outFile);
        String outId = out == null ? null : out[0];
        String[] saved = read(stateFile);
        String stateId = saved == null ? null : saved[0];
        String me = state.toAbsolutePath().normalize().toString();
        if (outId == null && stateId == null) {
            String id = UUID.randomUUID().toString();
            if (createNew(outFile, id + "\n" + me)) {
                write(stateFile, id);
                return;
            }
            out = read(outFile); // another state folder bound this output a moment ago
            if (out == null) {
                check(output, state, fullRebuild); // ...and its empty file was just removed: start over
                return;
            }
            outId = out[0];
        }
        // A run killed between the two writes left the output's file naming this very state folder: finish the job.
        if (stateId == null && out != null && out.length > 1 && out[1].equals(me)) {
            write(stateFile, outId);
            return;
        }
        if (outId == null) {
            // A new id for the new pair: the output folder the state folder had before no longer matches it.
            String id = UUID.randomUUID().toString();
            if (fullRebuild && createNew(outFile, id + "\n" + me)) {
                write(stateFile, id);
                return;
            }
            throw new UserException(ExitCodes.USAGE, "The state folder " + state + " keeps the database of another"
                    + " output folder, so this run stopped before writing anything: " + output + " would get only the CSV"
                    + " files that change from now on. Use the output folder that state folder belongs to, or give this one"
                    + " its own state folder (--state-dir, or leave it out for " + output.resolve("state") + "); to write"
                    + " this output folder from that database anyway, run once with --full-rebuild.");
        }
        if (stateId == null) {
            throw new UserException(ExitCodes.USAGE, "The output folder " + output + " is already written with another"
                    + " state folder (it is named in " + outFile + "), so this run, with the state folder " + state
                    + ", stopped before writing anything: two state folders on one output folder would overwrite each"
                    + " other's CSV files. Use that output folder's own state folder (--state-dir); if that state folder"
                    + " is gone for good, delete " + outFile + " and run again.");
        }
        if (!outId.equals(stateId)) {
            throw new UserException(ExitCodes.USAGE, "The output folder " + output + " and the state folder " + state
                    + " each belong to another partner (" + outFile + " and " + stateFile + " name different ids), so this"
                    + " run stopped before writing anything. Use each output folder with its own state folder.");
        }
    }

    /**
     * The file's lines (the id first), or null when there is none. A file another run has just
     * created is waited for briefly; one left empty (a run killed as it created it) counts as absent.
     */
    private static String[] read(Path file) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty()) return text.split("\\R");
                if (attempt >= 20) {
                    Files.delete(file);
                    return null;
                }
            } catch (NoSuchFileException e) {
                return null;
            }
            try {
                Thread.sleep(25); // the creator writes its id right after creating the file
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + file);
            }
        }
    }

    private static boolean createNew(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static void write(Path file, String id) throws IOException {
        parkwait.io.AtomicFiles.write(file, (id + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
