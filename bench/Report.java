import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The result table on stdout and the same figures as one JSON document, with the machine described. */
final class Report {
    private final Map<String, Object> machine;
    private final Map<String, Object> dataset;
    private final List<Line> lines;

    Report(Map<String, Object> machine, Map<String, Object> dataset, List<Line> lines) {
        this.machine = machine;
        this.dataset = dataset;
        this.lines = lines;
    }

    /** Cores, memory, Java, OS, and the load average (other work on the machine skews the figures). */
    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("memoryGiB", Math.round(memTotalKiB() / 1024.0 / 1024.0 * 10) / 10.0);
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("loadAverageAtStart", loadAverage());
        m.put("date", Instant.now().toString());
        return m;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    void print(PrintWriter out, Line a, Line d, Line e, Line startup, Line incremental) {
        out.printf("Machine: %s cores, %s GiB, %s, %s; load average %s at start, %s at end%n", machine.get("cores"),
                machine.get("memoryGiB"), machine.get("java"), machine.get("os"), machine.get("loadAverageAtStart"), loadAverage());
        out.printf("Dataset: %s%n%n", dataset);
        out.printf("%-44s %4s %8s %8s %8s %10s %10s %9s%n", "line", "runs", "median s", "min s", "max s", "rows", "rows/s", "peak MB");
        for (Line l : lines) {
            if (!l.ran()) continue;
            out.printf("%-44s %4d %8.2f %8.2f %8.2f %10s %10s %9s%n", l.id + " " + l.what, l.seconds.size(), l.median(),
                    l.min(), l.max(), l.rows > 0 ? String.format("%,d", l.rows) : "-",
                    Double.isNaN(l.rate()) ? "-" : String.format("%,.0f", l.rate()),
                    Double.isNaN(l.peakMaxMB()) ? "-" : String.format("%.0f", l.peakMaxMB()));
        }
        out.println();
        out.printf("(a)/(d) time ratio:   %.2f  (target: at most 2)%n", a.median() / d.median());
        out.printf("(e)/(a) speed ratio:  %.2f  (target: at least 3; = t(a)/t(e))%n", a.median() / e.median());
        double cOutside = incremental.median() - incremental.extraMedian("runSeconds");
        out.printf("(c) start-up share:   ingest.java --version %.2f s = %.0f%% of (c) %.2f s; outside Ingest.run %.2f s = %.0f%%%n",
                startup.median(), 100 * startup.median() / incremental.median(), incremental.median(), cOutside,
                100 * cOutside / incremental.median());
        double aRun = a.extraMedian("runSeconds"), aFiles = a.extraMedian("fileSeconds");
        out.printf("(a) split (medians):  outside Ingest.run (JBang, JVM start, exit) %.2f s; per-file loads (read, parse, insert)"
                + " %.2f s; rest of the run (lock, listing, partition CSVs, state exports) %.2f s%n", a.median() - aRun, aFiles, aRun - aFiles);
        out.println("Rows: (a),(b) rows stored; (d) rows imported; (e) rows the parser emitted. Peak MB: maximum resident set"
                + " of the largest process in the child's tree, highest over the runs.");
        out.flush();
    }

    void writeJson(Path file, Line a, Line d, Line e, Line startup, Line incremental) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("machine", machine);
        machine.put("loadAverageAtEnd", loadAverage());
        doc.put("dataset", dataset);
        Map<String, Double> ratios = new LinkedHashMap<>();
        ratios.put("fullOverCeilingTime", round(a.median() / d.median()));
        ratios.put("parseSpeedOverFull", round(a.median() / e.median()));
        ratios.put("startupShareOfIncremental", round(startup.median() / incremental.median()));
        doc.put("ratios", ratios);
        Map<String, Object> byId = new LinkedHashMap<>();
        for (Line l : lines) {
            if (!l.ran()) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", l.what);
            m.put("rowsMean", l.rowsMean);
            m.put("runs", l.seconds.size());
            m.put("medianSeconds", round(l.median()));
            m.put("minSeconds", round(l.min()));
            m.put("maxSeconds", round(l.max()));
            m.put("seconds", l.seconds.stream().map(Report::round).toList());
            if (l.rows > 0) m.put("rows", l.rows);
            if (!Double.isNaN(l.rate())) m.put("rowsPerSecond", Math.round(l.rate()));
            if (!l.peakMB.isEmpty()) m.put("peakRssMB", l.peakMB.stream().map(Report::round).toList());
            l.extra.forEach((k, v) -> m.put(k, v.stream().map(Report::round).toList()));
            byId.put(l.id.replaceAll("[()]", ""), m);
        }
        doc.put("lines", byId);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
    }

    private static double round(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 1000) / 1000.0;
    }

    private static long memTotalKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("\\D", ""));
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: say nothing about memory rather than guess.
        }
        return -1;
    }
}
