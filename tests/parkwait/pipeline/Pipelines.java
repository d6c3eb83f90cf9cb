package parkwait.pipeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import parkwait.config.Config;
import parkwait.lock.FileRunLock;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.source.S3Settings;
import parkwait.store.StoreOptions;

/** Runs the pipeline in this JVM and reads back what it produced, for end-to-end tests. */
final class Pipelines {
    private Pipelines() {
    }

    /** Options for a run from {@code source} into {@code out}, with the config's defaults. */
    static IngestOptions options(String source, S3Settings s3, Path out, boolean fullRebuild) {
        Config c = Config.defaults();
        return new IngestOptions(source, s3, c.defaultProps(), out, out.resolve("state"), fullRebuild, c.sampleK(),
                c.maxFailures(), Duration.ofDays(c.skipFailedOlderThanDays()), c.zones(), StoreOptions.JournalMode.DELETE,
                Duration.ZERO, "test");
    }

    /** One run; its console output is kept in {@code console} when not null. */
    static RunSummary ingest(IngestOptions o, StringWriter console) throws IOException {
        StringWriter sink = console != null ? console : new StringWriter();
        FileRunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.consoleOnly(new PrintWriter(sink, true), Clock.systemUTC(), false)) {
            return new Ingest(o, lock, Clock.systemUTC(), log).run();
        }
    }

    static RunSummary ingestDir(Path bucket, Path out) throws IOException {
        return ingest(options(bucket.toString(), null, out, false), null);
    }

    /** Every CSV under fact_tables/clean with the SHA-256 of its bytes, one line each, sorted by path. */
    static String csvTree(Path out) throws IOException {
        Path root = out.resolve("fact_tables").resolve("clean");
        TreeMap<String, String> files = new TreeMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk::iterator) {
                    if (Files.isRegularFile(p)) files.put(root.relativize(p).toString().replace('\\', '/'), sha256(Files.readAllBytes(p)));
                }
            }
        }
        StringBuilder b = new StringBuilder();
        files.forEach((k, v) -> b.append(k).append(' ').append(v).append('\n'));
        return b.toString();
    }

    /** Every fact row in the database, in primary-key order. */
    static List<String> dbRows(Path out) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("state").resolve("wait_times.sqlite"));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT entity_code, observed_at, wait_time_type, wait_time_minutes, park, park_date"
                     + " FROM wait_times ORDER BY entity_code, observed_at, wait_time_type, wait_time_minutes")) {
            while (r.next()) {
                rows.add(r.getString(1) + "," + r.getString(2) + "," + r.getString(3) + "," + r.getInt(4) + ","
                        + r.getString(5) + "," + r.getString(6));
            }
        }
        return rows;
    }

    /** Files whose name ends in .tmp anywhere under {@code out}. */
    static List<Path> leftoverTemps(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies a tree (the generator's bucket) so that tests can change files in their copy. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
