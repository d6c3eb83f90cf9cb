package parkwait.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import parkwait.io.AtomicFiles;
import parkwait.parse.FactRow;

/** A uniform random sample of up to k rows seen in a run (reservoir sampling: memory is k rows). */
public final class Sampler {
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

    /** Writes {@code samples/YYYY-MM/wait_time_fact_table_sample.csv}; nothing when the sample is empty. */
    public Path write(Path outputBase, String yearMonth) throws IOException {
        if (reservoir.isEmpty()) return null;
        Path file = outputBase.resolve("samples").resolve(yearMonth).resolve("wait_time_fact_table_sample.csv");
        StringBuilder b = new StringBuilder(PartitionFiles.HEADER);
        for (FactRow r : reservoir) PartitionFiles.appendLine(b, r);
        AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return file;
    }
}
