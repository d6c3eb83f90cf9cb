package parkwait.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

/** Where partition CSVs live: {@code fact_tables/clean/YYYY-MM/{park}_{YYYY-MM-DD}.csv} (DESIGN 4.5). */
public final class PartitionFiles {
    public static final String HEADER = "entity_code,observed_at,wait_time_type,wait_time_minutes\n";

    private PartitionFiles() {
    }

    public static Path cleanRoot(Path outputBase) {
        return outputBase.resolve("fact_tables").resolve("clean");
    }

    /** The file of one partition. Park codes are lower-case letters only, so they are safe in a file name. */
    public static Path fileOf(Path outputBase, String park, LocalDate parkDate) {
        if (!park.matches("[a-z]{1,5}")) throw new IllegalArgumentException("not a park code: " + park);
        String month = parkDate.toString().substring(0, 7);
        return cleanRoot(outputBase).resolve(month).resolve(park + "_" + parkDate + ".csv");
    }

    /** The temp file names this program writes here: a partition's name plus .tmp, and the write probe. */
    private static final java.util.regex.Pattern OUR_TEMP = java.util.regex.Pattern.compile(
            "[a-z]{1,5}_\\d{4}-\\d{2}-\\d{2}\\.csv\\.tmp|" + java.util.regex.Pattern.quote(parkwait.io.AtomicFiles.WRITE_CHECK));

    /** True for a temp file this program writes under fact_tables/clean (never a person's own {@code notes.tmp}). */
    public static boolean isOurTemp(Path file) {
        return OUR_TEMP.matcher(file.getFileName().toString()).matches();
    }

    /**
     * Removes the temp files a killed run left behind; returns how many. Only names this program
     * writes are touched: people keep their own files in these folders.
     */
    public static int removeLeftoverTemps(Path root) throws IOException {
        if (!Files.isDirectory(root)) return 0;
        int removed = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (isOurTemp(p) && Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        }
        return removed;
    }

    /**
     * The partition CSVs on disk, as {@code YYYY-MM/park_YYYY-MM-DD.csv} relative to {@code root}:
     * one listing of each month folder, no file is opened (every run does this).
     */
    public static java.util.Set<String> onDisk(Path root) throws IOException {
        java.util.Set<String> names = new java.util.HashSet<>();
        if (!Files.isDirectory(root)) return names;
        try (var months = Files.newDirectoryStream(root, "[0-9][0-9][0-9][0-9]-[0-9][0-9]")) {
            for (Path month : months) {
                if (!Files.isDirectory(month)) continue;
                try (var files = Files.newDirectoryStream(month, "*.csv")) {
                    for (Path f : files) names.add(month.getFileName() + "/" + f.getFileName());
                }
            }
        }
        return names;
    }

    /** The name {@link #onDisk} gives the file of a partition. */
    public static String relativeName(String park, LocalDate parkDate) {
        return parkDate.toString().substring(0, 7) + "/" + park + "_" + parkDate + ".csv";
    }

    /** One CSV line of a partition file (or the sample). No quoting is ever needed: every field is validated or generated. */
    static void appendLine(StringBuilder b, parkwait.parse.FactRow row) {
        b.append(row.entityCode()).append(',').append(row.observedAt()).append(',').append(row.type().name())
                .append(',').append(row.minutes()).append('\n');
    }
}
