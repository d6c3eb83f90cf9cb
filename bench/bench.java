///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES Child.java Line.java Report.java Ceiling.java ParseOnly.java S3MockChild.java

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.gen.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, version = "bench 1", sortOptions = false, usageHelpWidth = 110,
        description = {"Measures the pipeline side by side on a generated dataset (DESIGN 7, issue 7): (a) a full ingest from a",
                "local folder, (b) the same from S3Mock (--s3), (c) an incremental run with nothing new, (d) the sqlite3 shell",
                "importing the same rows (the ceiling), (e) parse-only in this JVM; plus JBang + JVM start-up.",
                "Prints figures only; nothing is asserted. Progress goes to stderr, the table to stdout."},
        footer = {"%nExamples:",
                "  ./jbang bench/bench.java --rows 200000 --files 20 --repeat 1      a quick look",
                "  ./jbang bench/bench.java --s3 --json bench-result.json           the default scale, with S3Mock"})
class bench implements Callable<Integer> {
    private static final Pattern FILE_SECONDS = Pattern.compile("^.*\\[\\d+/\\d+\\] .* in ([0-9.]+) s\\s*$");

    @CommandLine.Spec CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1500000", description = "Input data rows in total (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--files", defaultValue = "60", description = "Files, dealt over the 5 properties and 3 formats (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--repeat", defaultValue = "3", description = "Runs of each line (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Option(names = "--seed", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--s3", description = "Also run (b): start S3Mock, upload the dataset, ingest from it.")
    boolean s3;

    @Option(names = "--out", paramLabel = "DIR", description = "Work folder, kept (default: a new temp folder, removed after a successful run). A dataset of the same spec there is reused.")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON, for comparing commits.")
    Path json;

    private PrintWriter err;
    private Path home;
    private Child child;

    public static void main(String... args) {
        System.exit(new CommandLine(new bench()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("The benchmark stopped: " + e.getMessage());
            return 1;
        }).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        err = spec.commandLine().getErr();
        if (repeat < 1 || files < 1 || rows < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--rows, --files and --repeat must be at least 1.");
        home = projectHome();
        Path work = out != null ? Files.createDirectories(out.toAbsolutePath()) : Files.createTempDirectory("parkwait-bench-");
        err.println("Work folder: " + work);
        Map<String, Object> machine = Report.machine();
        Path bucket = work.resolve("bucket");
        Map<String, Object> dataset = generate(bucket, work.resolve("bucket.spec"));
        child = new Child(home, Map.of("PARKWAIT_HOME", home.toString()), work.resolve("logs"));
        String jbang = home.resolve("jbang").toString();
        must(child.run("build", List.of(jbang, "build", "ingest.java"), Map.of()), "./jbang build ingest.java");

        Line startup = new Line("(s)", "start-up: ingest.java --version", "");
        Line full = new Line("(a)", "full ingest, local folder", "rows stored");
        Line fromS3 = new Line("(b)", "full ingest, S3Mock", "rows stored");
        Line incremental = new Line("(c)", "incremental, nothing new", "");
        Line ceiling = new Line("(d)", "ceiling: sqlite3 .import, 1 transaction", "rows imported");
        Line parse = new Line("(e)", "parse only, in the bench JVM", "rows emitted by the parser");
        String shell = Ceiling.ensureShell(err);
        S3MockChild mock = null;
        try {
            if (s3) {
                mock = S3MockChild.start(home, work, err);
                err.println("Uploaded " + mock.upload(bucket) + " files to S3Mock.");
            }
            for (int round = 1; round <= repeat; round++) {
                err.printf("Round %d of %d%n", round, repeat);
                timeStartup(jbang, startup);
                Path fullOut = work.resolve("full-" + round);
                ingest(full, jbang, List.of("--source", bucket.toString(), "--output-base", fullOut.toString()), fullOut, Map.of());
                ingest(incremental, jbang, List.of("--source", bucket.toString(), "--output-base", fullOut.toString()), null, Map.of());
                if (mock != null) {
                    Path s3Out = work.resolve("s3-" + round);
                    ingest(fromS3, jbang, List.of("--source", "s3://" + S3MockChild.BUCKET, "--output-base", s3Out.toString(),
                            "--endpoint-url", mock.endpoint().toString()), s3Out, Map.of("AWS_ACCESS_KEY_ID", "bench",
                            "AWS_SECRET_ACCESS_KEY", "bench-secret", "AWS_REGION", "us-east-1"));
                    if (round > 1) deleteTree(work.resolve("s3-" + (round - 1)));
                }
                ceiling(ceiling, shell, fullOut, work.resolve("ceiling"), full.rows);
                ParseOnly.Pass pass = ParseOnly.run(bucket);
                parse.add(pass.seconds(), Double.NaN);
                parse.rows = pass.rowsEmitted();
                parse.extra("recordsSeen", pass.recordsSeen());
                err.printf("  (e) parse only: %.2f s, %d records, %d rows%n", pass.seconds(), pass.recordsSeen(), pass.rowsEmitted());
                if (round > 1) deleteTree(work.resolve("full-" + (round - 1)));
            }
        } finally {
            if (mock != null) mock.close();
        }
        Report report = new Report(machine, dataset, List.of(startup, full, fromS3, incremental, ceiling, parse));
        report.print(spec.commandLine().getOut(), full, ceiling, parse, startup, incremental);
        if (json != null) {
            report.writeJson(json, full, ceiling, parse, startup, incremental);
            err.println("Wrote " + json.toAbsolutePath() + ".");
        }
        if (out == null) {
            deleteTree(work); // a temp folder of our own; with --out the dataset is kept for the next run
            err.println("Removed the work folder " + work + ".");
        }
        return 0;
    }

    private Map<String, Object> generate(Path bucket, Path marker) throws IOException {
        Spec wanted = Spec.of(seed, files, rows).withNasty(false);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("seed", seed);
        d.put("files", files);
        d.put("inputRows", rows);
        d.put("formats", "standby, new fastpass, old fastpass; no nasty files");
        if (Files.isDirectory(bucket) && Files.exists(marker) && Files.readString(marker).equals(wanted.toString())) {
            err.println("Reusing the dataset in " + bucket + ".");
        } else {
            deleteTree(bucket);
            Files.deleteIfExists(marker);
            long t0 = System.nanoTime();
            Summary s = Generator.writeBucket(bucket, wanted);
            Files.writeString(marker, wanted.toString());
            err.printf("Generated %s in %.1f s.%n", s.describe(), (System.nanoTime() - t0) / 1e9);
        }
        try (Stream<Path> w = Files.walk(bucket)) {
            d.put("bytes", w.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum());
        }
        return d;
    }

    private void timeStartup(String jbang, Line line) throws IOException, InterruptedException {
        Child.Result r = must(child.run("version", List.of(jbang, "ingest.java", "--version"), Map.of()), "ingest.java --version");
        line.add(r.seconds(), r.peakRssMB());
        err.printf("  start-up: %.2f s%n", r.seconds());
    }

    /** One ingest; {@code freshOut} is deleted first when not null (a full run), else the run is incremental. */
    private void ingest(Line line, String jbang, List<String> args, Path freshOut, Map<String, String> env)
            throws IOException, InterruptedException {
        if (freshOut != null) deleteTree(freshOut);
        List<String> cmd = new ArrayList<>(List.of(jbang, "ingest.java", "--json"));
        cmd.addAll(args);
        Child.Result r = must(child.run(line.id.replaceAll("[()]", ""), cmd, env), "ingest.java " + String.join(" ", args));
        JsonNode summary = new ObjectMapper().readTree(r.stdout());
        line.add(r.seconds(), r.peakRssMB());
        line.extra("runSeconds", summary.path("seconds").asDouble());
        line.extra("fileSeconds", fileSeconds(r.stderr()));
        if (freshOut != null) line.rows = summary.path("rowsNew").asLong();
        err.printf("  %s %s: %.2f s wall, %.2f s in the run, %d rows seen, %d new, %d files unchanged, peak %.0f MB%n", line.id,
                line.what, r.seconds(), summary.path("seconds").asDouble(), summary.path("rowsSeen").asLong(),
                summary.path("rowsNew").asLong(), summary.path("filesUnchanged").asLong(), r.peakRssMB());
    }

    private void ceiling(Line line, String shell, Path fullOut, Path dir, long expected) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path rowsCsv = dir.resolve("rows.csv");
        long n = Ceiling.concat(fullOut, rowsCsv);
        Path db = dir.resolve("ceiling.sqlite");
        Child.Result r = must(Ceiling.importRows(child, shell, rowsCsv, db), "sqlite3 .import");
        long imported = Ceiling.count(shell, db);
        if (imported != n || n != expected) {
            err.printf("  WARNING: the CSVs hold %d rows, sqlite3 imported %d, the ingest stored %d.%n", n, imported, expected);
        }
        line.add(r.seconds(), r.peakRssMB());
        line.rows = imported;
        err.printf("  (d) sqlite3 import: %.2f s, %d rows%n", r.seconds(), imported);
        Files.deleteIfExists(db);
    }

    /** The sum of the per-file times an ingest printed ("[3/60] key (new): ... in 0.4 s"). */
    private static double fileSeconds(Path stderr) throws IOException {
        double sum = 0;
        for (String l : Files.readAllLines(stderr)) {
            Matcher m = FILE_SECONDS.matcher(l);
            if (m.matches()) sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private Child.Result must(Child.Result r, String what) throws IOException {
        if (r.exitCode() != 0) {
            throw new IOException(what + " exited with code " + r.exitCode() + "; its messages are in " + r.stderr() + ".");
        }
        return r;
    }

    /** $PARKWAIT_HOME (set by ./jbang), else the nearest folder above the current one holding jbang and ingest.java. */
    private static Path projectHome() {
        String env = System.getenv("PARKWAIT_HOME");
        if (env != null && Files.isRegularFile(Path.of(env, "ingest.java"))) return Path.of(env).toAbsolutePath();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("jbang")) && Files.isRegularFile(dir.resolve("ingest.java"))) return dir;
        }
        throw new IllegalStateException("Cannot find the project folder: run the bench as ./jbang bench/bench.java from the project.");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
