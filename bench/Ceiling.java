import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Line (d), the practical ceiling (DESIGN 7): the sqlite3 shell importing the rows an ingest wrote
 * into a fresh database, one table with the store's primary key, in one transaction.
 */
final class Ceiling {
    // The store's table has the same key and is also WITHOUT ROWID (lib/parkwait/store/Schema.java);
    // the same 64 MiB page cache and synchronous=FULL as Store.open, so the shell gets no head start.
    private static final String SCRIPT = """
            PRAGMA synchronous = FULL;
            PRAGMA cache_size = -65536;
            CREATE TABLE wait_times (
                entity_code       TEXT    NOT NULL,
                observed_at       TEXT    NOT NULL,
                wait_time_type    TEXT    NOT NULL,
                wait_time_minutes INTEGER NOT NULL,
                PRIMARY KEY (entity_code, observed_at, wait_time_type, wait_time_minutes)
            ) WITHOUT ROWID;
            BEGIN;
            .mode csv
            .import "%s" wait_times
            COMMIT;
            """;

    private Ceiling() {
    }

    /** Concatenates every partition CSV under {@code outputBase} without headers into {@code target}; returns the rows. */
    static long concat(Path outputBase, Path target) throws IOException {
        Path root = outputBase.resolve("fact_tables").resolve("clean");
        long rows = 0;
        try (Stream<Path> walk = Files.walk(root);
             BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            for (Path csv : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".csv")).sorted()::iterator) {
                try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    r.readLine(); // the header
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        w.write(line);
                        w.write('\n');
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    /** The sqlite3 shell, installed from the OS packages if it is missing (said on stderr). */
    static String ensureShell(PrintWriter err) throws IOException, InterruptedException {
        if (onPath("sqlite3")) return "sqlite3";
        err.println("sqlite3 is not installed; installing it with apt-get (apt-get update, apt-get install -y sqlite3)...");
        for (List<String> cmd : List.of(List.of("apt-get", "update"), List.of("apt-get", "install", "-y", "sqlite3"))) {
            int code = new ProcessBuilder(cmd).inheritIO().redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            if (code != 0) throw new IOException(String.join(" ", cmd) + " failed with exit code " + code + "; install sqlite3 by hand.");
        }
        err.println("Installed sqlite3.");
        return "sqlite3";
    }

    /** Imports {@code rows} into a fresh database {@code db}, timed. */
    static Child.Result importRows(Child child, String shell, Path rows, Path db) throws IOException, InterruptedException {
        Files.deleteIfExists(db);
        Path script = db.resolveSibling(db.getFileName() + ".sql");
        Files.writeString(script, SCRIPT.formatted(rows.toAbsolutePath().toString().replace("\"", "\\\"")));
        return child.run("ceiling", List.of(shell, "-batch", db.toString(), ".read " + script), Map.of());
    }

    /** Rows in the imported table (untimed check that the import took everything). */
    static long count(String shell, Path db) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-batch", db.toString(), "SELECT count(*) FROM wait_times;")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        return out.matches("\\d+") ? Long.parseLong(out) : -1;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
