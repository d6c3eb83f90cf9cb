package parkwait.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import parkwait.io.AtomicFiles;
import parkwait.parse.FactRow;

/**
 * A uniform random sample of up to k rows (reservoir sampling: memory is k rows), kept per month
 * of the runs: {@code samples/YYYY-MM/wait_time_fact_table_sample.csv} is a sample of every row
 * the runs of that month loaded, not of the last run alone, so a small run cannot shrink it.
 * {@code wait_time_fact_table_sample.json} beside it records how many rows it was drawn from; a
 * run merges its own sample into the month's, each side weighted by the rows it stands for.
 */
public final class Sampler {
    static final String CSV = "wait_time_fact_table_sample.csv";
    static final String INFO = "wait_time_fact_table_sample.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int k;
    private final List<FactRow> reservoir;
    private final SplittableRandom random;
    private long seen;

    public Sampler(int k, long seed) {
        this.k = k;
        this.reservoir = new ArrayList<>(Math.min(k, 1 << 16));
        this.random = new SplittableRandom(seed);
    }

    public void offer(FactRow row) {
        if (k == 0) return;
        seen++;
        if (reservoir.size() < k) {
            reservoir.add(row);
        } else {
            long j = random.nextLong(seen);
            if (j < k) reservoir.set((int) j, row);
        }
    }

    public int size() {
        return reservoir.size();
    }

    /**
     * Merges this run's sample into the month's and writes both files; null (nothing written)
     * when this run sampled nothing. Returns a sentence saying what the sample now stands for.
     */
    public String write(Path outputBase, String yearMonth) throws IOException {
        if (reservoir.isEmpty()) return null;
        Path dir = outputBase.resolve("samples").resolve(yearMonth);
        Path csv = dir.resolve(CSV);
        List<String> before = earlierLines(csv);
        // An earlier sample without its count (older versions) stands for at least its own rows.
        long beforeSeen = before.isEmpty() ? 0 : Math.max(before.size(), earlierSeen(dir.resolve(INFO)));
        List<String> mine = new ArrayList<>();
        for (FactRow r : reservoir) {
            StringBuilder b = new StringBuilder();
            PartitionFiles.appendLine(b, r);
            mine.add(b.toString());
        }
        List<String> merged = merge(before, beforeSeen, mine, seen, k, random);
        StringBuilder b = new StringBuilder(PartitionFiles.HEADER);
        merged.forEach(b::append);
        AtomicFiles.write(csv, b.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("month", yearMonth);
        info.put("rows", merged.size());
        info.put("drawnFromRows", beforeSeen + seen);
        AtomicFiles.write(dir.resolve(INFO), JSON.writeValueAsBytes(info));
        return "The sample " + csv + " holds " + merged.size() + " rows drawn at random from the " + (beforeSeen + seen)
                + " rows loaded by this month's runs (" + seen + " by this run).";
    }

    /**
     * A uniform sample of up to {@code k} of the rows that two disjoint samples stand for: each
     * draw takes the next row of side a with probability (a's rows left) / (rows left), as drawing
     * from the union itself would. Each side is a uniform sample of its rows, shuffled first.
     */
    static List<String> merge(List<String> a, long aSeen, List<String> b, long bSeen, int k, SplittableRandom random) {
        List<String> x = shuffled(a, random);
        List<String> y = shuffled(b, random);
        int m = Math.min(k, x.size() + y.size());   // each side holds at most the rows it stands for
        List<String> out = new ArrayList<>(m);
        long aLeft = aSeen;
        long bLeft = bSeen;
        int i = 0;
        int j = 0;
        while (out.size() < m) {
            boolean fromA = j >= y.size() || (i < x.size() && random.nextLong(aLeft + bLeft) < aLeft);
            if (fromA) {
                out.add(x.get(i++));
                aLeft--;
            } else {
                out.add(y.get(j++));
                bLeft--;
            }
        }
        return out;
    }

    private static List<String> shuffled(List<String> rows, SplittableRandom random) {
        List<String> s = new ArrayList<>(rows);
        for (int i = s.size() - 1; i > 0; i--) java.util.Collections.swap(s, i, random.nextInt(i + 1));
        return s;
    }

    /** The data lines (with their newline) of an earlier sample, or none. */
    private static List<String> earlierLines(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) return List.of();
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            if (!line.isEmpty() && !(line + "\n").equals(PartitionFiles.HEADER)) lines.add(line + "\n");
        }
        return lines;
    }

    /** How many rows the earlier sample was drawn from; 0 when unknown (no or unreadable file). */
    private static long earlierSeen(Path info) {
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(info)).get("drawnFromRows");
            return n == null ? 0 : n.asLong();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
