package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import parkwait.parse.Reject;

/** Reads back and checks what a run wrote: partition CSVs, the sample, the source_files records. */
final class OutputChecks {
    static final String HEADER = "entity_code,observed_at,wait_time_type,wait_time_minutes";
    private static final Pattern ENTITY = Pattern.compile("[A-Z]{1,5}[0-9]+");
    // DESIGN 4.3: seconds precision and a numeric offset, never Z.
    private static final Pattern OBSERVED = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}");
    private static final Set<String> TYPES = Set.of("POSTED", "ACTUAL", "PRIORITY");
    private static final Pattern MINUTES = Pattern.compile("-?[0-9]+");

    private OutputChecks() {
    }

    /** Every partition CSV under fact_tables/clean: path relative to it ('/'-separated) -> text. */
    static Map<String, String> partitions(Path out) throws IOException {
        return texts(out.resolve("fact_tables").resolve("clean"));
    }

    /** Every regular file under {@code root}, relative path -> text (UTF-8). */
    static Map<String, String> texts(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(root)) return files;
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** The expected text of a partition file: the header, then the rows, every line ending in LF. */
    static String csvText(List<String> rows) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> b.append(r).append('\n'));
        return b.toString();
    }

    /**
     * Checks that every CSV a run wrote (partitions and the sample) is well-formed (DESIGN 4.3, 4.5):
     * no BOM, LF only, the header, 4 plain cells a line, no control characters, and no cell a
     * spreadsheet would run as a formula (leading = + - @).
     */
    static void assertWellFormedCsvs(Path out) throws IOException {
        List<Path> csvs = new ArrayList<>();
        for (String folder : List.of("fact_tables", "samples")) {
            Path root = out.resolve(folder);
            if (!Files.isDirectory(root)) continue;
            try (Stream<Path> walk = Files.walk(root)) {
                // The sample's .json beside it (how many rows it stands for) is no CSV.
                walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".csv")).forEach(csvs::add);
            }
        }
        for (Path csv : csvs) assertWellFormed(csv, Files.readAllBytes(csv));
    }

    static void assertWellFormed(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), file + ": the last line must end in LF");
        assertTrue(text.startsWith(HEADER + "\n"), file + ": must start with the header (no BOM)");
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            String where = file + " line " + (i + 1) + ": " + line.replaceAll("\\p{Cntrl}", "?");
            for (char c : line.toCharArray()) {
                if (c < 0x20 || c == 0x7F || c == '\uFFFD' || c == '"') fail(where + ": holds control, replacement or quote characters");
            }
            String[] cells = line.split(",", -1);
            assertEquals(4, cells.length, where + ": 4 cells");
            for (int c = 0; c < 3; c++) {
                assertTrue(!cells[c].isEmpty() && "=+-@".indexOf(cells[c].charAt(0)) < 0, where + ": cell " + c + " is empty or a formula");
            }
            assertTrue(ENTITY.matcher(cells[0]).matches(), where + ": entity code");
            assertTrue(OBSERVED.matcher(cells[1]).matches(), where + ": observed_at");
            assertTrue(TYPES.contains(cells[2]), where + ": wait_time_type");
            assertTrue(MINUTES.matcher(cells[3]).matches(), where + ": minutes must be a plain integer");
        }
    }

    /** One source_files record. */
    record SourceFile(String key, String status, long rowsSeen, long rowsRejected, Map<Reject, Long> rejects, String lastError) {
    }

    /** Every source_files record, by key. */
    static Map<String, SourceFile> sourceFiles(Path out) throws Exception {
        Map<String, SourceFile> files = new TreeMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state").resolve("wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT key, status, rows_seen, rows_rejected, rejects_json, last_error FROM source_files")) {
            while (r.next()) {
                files.put(r.getString(1), new SourceFile(r.getString(1), r.getString(2), r.getLong(3), r.getLong(4),
                        rejects(r.getString(5)), r.getString(6)));
            }
        }
        return files;
    }

    /** The number of fact rows in the database. */
    static long dbRowCount(Path out) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state").resolve("wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM wait_times")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** {"SHORT_ROW":3,...} as stored; names that are not reasons fail the test. */
    private static Map<Reject, Long> rejects(String json) {
        Map<Reject, Long> m = new EnumMap<>(Reject.class);
        Matcher e = Pattern.compile("\"([A-Za-z_ ]+)\"\\s*:\\s*(\\d+)").matcher(json);
        while (e.find()) m.put(Reject.valueOf(e.group(1)), Long.parseLong(e.group(2)));
        return m;
    }
}
