package parkwait.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.parse.FactRow;
import parkwait.parse.WaitType;

/** The month's sample stands for every run of the month: a small run cannot shrink it. */
class SamplerTest {
    @TempDir Path out;

    static FactRow row(int i) {
        return new FactRow("MK01", String.format("2024-01-15T%02d:%02d:%02d-05:00", i / 3600, i / 60 % 60, i % 60), WaitType.POSTED,
                i % 1000, "mk", LocalDate.parse("2024-01-15"), 1705330800L + i);
    }

    static Sampler run(int from, int to, long seed) {
        Sampler s = new Sampler(1000, seed);
        for (int i = from; i < to; i++) s.offer(row(i));
        return s;
    }

    List<String> sampleLines() throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("samples/2026-12/wait_time_fact_table_sample.csv"));
        assertEquals("entity_code,observed_at,wait_time_type,wait_time_minutes", lines.get(0));
        return lines.subList(1, lines.size());
    }

    @Test
    void aRunThatLoadsTwoRowsKeepsTheThousandRowSampleAndSaysWhatItStandsFor() throws Exception {
        run(0, 5000, 1).write(out, "2026-12");
        assertEquals(1000, sampleLines().size());
        String said = String.valueOf(run(5000, 5002, 2).write(out, "2026-12"));
        assertEquals(1000, sampleLines().size(), "the small run shrank the sample");
        assertTrue(said.endsWith("holds 1000 rows drawn at random from the 5002 rows loaded by this month's runs (2 by this run)."), said);
        assertEquals(1000, new HashSet<>(sampleLines()).size(), "no row twice");
        assertTrue(Files.readString(out.resolve("samples/2026-12/wait_time_fact_table_sample.json")).contains("\"drawnFromRows\":5002"));
        assertEquals(null, run(0, 0, 3).write(out, "2026-12"), "a run that loaded nothing leaves the sample alone");
        assertEquals(1000, sampleLines().size());
    }

    @Test
    void twoRunsOfEqualSizeShareTheMergedSampleAboutEvenly() throws Exception {
        run(0, 10_000, 1).write(out, "2026-12");
        run(10_000, 20_000, 2).write(out, "2026-12");
        long second = sampleLines().stream().filter(l -> lineIndex(l) >= 10_000).count();
        // Hypergeometric: mean 500, sd about 11; a merge that favoured either side would be far off.
        assertTrue(second > 440 && second < 560, second + " of 1000 from the second run");
    }

    @Test
    void mergeWeighsEachSideByTheRowsItStandsFor() {
        List<String> a = new ArrayList<>();
        List<String> b = new ArrayList<>();
        for (int i = 0; i < 1000; i++) a.add("a" + i);
        for (int i = 0; i < 100; i++) b.add("b" + i);
        // a stands for 9,000 rows, b for its own 100 (b is everything its run loaded): b gets ~1%.
        List<String> m = Sampler.merge(a, 9_000, b, 100, 1000, new SplittableRandom(5));
        long fromB = m.stream().filter(s -> s.startsWith("b")).count();
        assertEquals(1000, m.size());
        assertTrue(fromB >= 2 && fromB <= 25, fromB + " rows from b, expected about 11");
        Set<String> distinct = new HashSet<>(m);
        assertEquals(1000, distinct.size());
        assertEquals(List.of("x"), Sampler.merge(List.of(), 0, List.of("x"), 1, 1000, new SplittableRandom(1)));
    }

    /** The row number encoded in a sample line's observed_at (HH:MM:SS = i seconds). */
    private static int lineIndex(String line) {
        String t = line.split(",")[1].substring(11, 19);
        return Integer.parseInt(t.substring(0, 2)) * 3600 + Integer.parseInt(t.substring(3, 5)) * 60 + Integer.parseInt(t.substring(6, 8));
    }
}
