package parkwait.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeneratorTest {
    private static final Pattern OLD_MARKER = Pattern.compile(
            "_2012|_2013|_2014|_2015|_2016|_2017|_2018|_2019_01|_2019_02|_201901|_201902");

    @TempDir Path tmp;

    @Test
    void the_same_seed_gives_identical_bytes_in_two_folders() throws IOException {
        Spec spec = Spec.of(42, 30, 3_000).withLongLine(10_000);
        Generator.writeBucket(tmp.resolve("a"), spec);
        Generator.writeBucket(tmp.resolve("b"), spec);
        assertEquals(TreeDigest.files(tmp.resolve("a")), TreeDigest.files(tmp.resolve("b")));
        assertEquals(TreeDigest.tree(tmp.resolve("a")), TreeDigest.tree(tmp.resolve("b")));
    }

    @Test
    void a_different_seed_gives_different_bytes_under_the_same_keys() throws IOException {
        Generator.writeBucket(tmp.resolve("a"), Spec.of(42, 15, 600));
        Generator.writeBucket(tmp.resolve("b"), Spec.of(43, 15, 600));
        var a = TreeDigest.files(tmp.resolve("a"));
        var b = TreeDigest.files(tmp.resolve("b"));
        assertEquals(a.keySet(), b.keySet());
        for (String key : a.keySet()) {
            if (key.contains("/seven_dwarfs_train") || key.contains("/current_fastpass") || key.contains("_2016")) {
                assertNotEquals(a.get(key), b.get(key), key);
            }
        }
    }

    @Test
    void every_property_gets_all_three_formats_classified_as_design_4_2_says() throws IOException {
        var summary = Generator.writeBucket(tmp, Spec.of(1, 15, 150).withNasty(false));
        for (Property p : Property.values()) {
            List<String> keys = summary.files().stream().map(Written::key).toList();
            assertTrue(keys.stream().anyMatch(k -> k.startsWith("export/wait_times/" + p.code() + "/")), p.code());
            assertTrue(keys.stream().anyMatch(k -> k.startsWith("export/fastpass_times/" + p.code() + "/")
                    && !OLD_MARKER.matcher(k).find()), p.code() + " new fastpass");
            assertTrue(keys.stream().anyMatch(k -> k.startsWith("export/fastpass_times/" + p.code() + "/")
                    && OLD_MARKER.matcher(k).find()), p.code() + " old fastpass");
        }
        for (Written w : summary.files()) {
            boolean old = w.key().contains("fastpass_times") && OLD_MARKER.matcher(w.key()).find();
            assertEquals(w.kind() == Kind.OLD_FASTPASS, old, w.key());
            List<String> lines = lines(tmp.resolve(w.key()));
            switch (w.kind()) {
                case STANDBY -> assertEquals(StandbyWriter.HEADER, lines.get(0));
                case FASTPASS -> assertEquals(FastpassWriter.HEADER, lines.get(0));
                case OLD_FASTPASS -> assertFalse(lines.get(0).startsWith("FATTID"), "old files have no real header");
            }
        }
    }

    @Test
    void many_files_get_distinct_keys_and_new_fastpass_names_never_look_old() {
        var keys = Generator.keys(Spec.of(5, 5 * 3 * 120, 0));
        assertEquals(keys.size(), keys.stream().distinct().count(), "keys repeat");
        for (String k : keys) {
            if (k.endsWith("current_fastpass.csv") || k.contains("/fastpass_202")) {
                assertFalse(OLD_MARKER.matcher(k).find(), k);
            }
        }
    }

    @ParameterizedTest(name = "{0} files, {1} rows")
    @CsvSource({"1,0", "1,1", "3,2", "7,1000", "30,1801", "45,45"})
    void the_requested_rows_are_written_exactly(int files, long rows) throws IOException {
        var summary = Generator.writeBucket(tmp, Spec.of(9, files, rows));
        assertEquals(rows, summary.regularRows());
        long counted = 0;
        long bytes = 0;
        for (Written w : summary.files()) {
            bytes += Files.size(tmp.resolve(w.key()));
            if (!w.nasty()) counted += lines(tmp.resolve(w.key())).size() - 1; // minus the header / first record
        }
        assertEquals(files, summary.files().stream().filter(w -> !w.nasty()).count());
        assertEquals(rows, counted);
        assertEquals(summary.bytes(), bytes);
    }

    @Test
    void regular_files_hold_only_rows_that_design_4_3_accepts() throws IOException {
        var summary = Generator.writeBucket(tmp, Spec.of(3, 45, 30_000).withNasty(false));
        for (Written w : summary.files()) {
            List<String> lines = lines(tmp.resolve(w.key()));
            for (int i = 1; i < lines.size(); i++) {
                String why = switch (w.kind()) {
                    case STANDBY -> RegularRows.standby(lines.get(i));
                    case FASTPASS -> RegularRows.fastpass(lines.get(i), true);
                    case OLD_FASTPASS -> RegularRows.fastpass(lines.get(i), false);
                };
                int line = i + 1;
                assertNull(why, () -> w.key() + " line " + line + ": " + why);
            }
        }
    }

    @Test
    void the_strict_row_reader_used_here_rejects_the_nasty_rows() throws IOException {
        Generator.writeBucket(tmp, Spec.of(1, 0, 0).withProperties(List.of(Property.WDW)));
        for (String name : List.of("nasty_numbers.csv", "nasty_dates.csv", "nasty_entities.csv")) {
            List<String> lines = lines(tmp.resolve("export/wait_times/wdw/" + name));
            long rejected = lines.stream().skip(1).filter(l -> RegularRows.standby(l) != null).count();
            assertTrue(rejected >= (lines.size() - 1) / 2, name + ": only " + rejected + " rejected");
        }
        List<String> fastpass = lines(tmp.resolve("export/fastpass_times/wdw/fastpass_nasty_values.csv"));
        long rejected = fastpass.stream().skip(1).filter(l -> {
            try {
                return RegularRows.fastpass(l, true) != null;
            } catch (RuntimeException e) {
                return true;
            }
        }).count();
        assertTrue(rejected >= 10, "only " + rejected + " rejected");
    }

    @Test
    void us_standby_files_that_start_before_a_dst_night_contain_its_odd_hour() throws IOException {
        Generator.writeBucket(tmp, Spec.of(20240115, 5, 300).withNasty(false));
        String wdw = Files.readString(tmp.resolve("export/wait_times/wdw/seven_dwarfs_train.csv"), StandardCharsets.UTF_8);
        assertTrue(wdw.contains("2024-03-10 02:30:00") || wdw.contains("2024-03-10T02:30:00"), "spring gap row");
        String dlr = Files.readString(tmp.resolve("export/wait_times/dlr/matterhorn.csv"), StandardCharsets.UTF_8);
        assertTrue(Pattern.compile("2024-11-03[ T]01:30:00").matcher(dlr).find(), "fall overlap row");
        assertTrue(Pattern.compile("[ T]0[0-5]:").matcher(wdw).find(), "early-morning rows");
    }

    @Test
    void crlf_changes_only_the_line_ends_of_regular_files() throws IOException {
        var lf = Generator.writeBucket(tmp.resolve("lf"), Spec.of(4, 3, 90).withNasty(false));
        Generator.writeBucket(tmp.resolve("crlf"), Spec.of(4, 3, 90).withNasty(false).withCrlf(true));
        for (Written w : lf.files()) {
            String a = Files.readString(tmp.resolve("lf").resolve(w.key()), StandardCharsets.UTF_8);
            String b = Files.readString(tmp.resolve("crlf").resolve(w.key()), StandardCharsets.UTF_8);
            assertEquals(a.replace("\n", "\r\n"), b, w.key());
        }
    }

    @Test
    void the_nasty_set_has_its_odd_keys_and_writes_only_the_kinds_asked_for() throws IOException {
        var all = Generator.keys(Spec.of(1, 0, 0).withLongLine(100));
        assertEquals(26, all.size());
        assertTrue(all.stream().anyMatch(k -> k.endsWith("/README.txt")));
        assertTrue(all.stream().anyMatch(k -> k.endsWith(".CSV")));
        assertTrue(all.stream().anyMatch(k -> k.contains(" ")));
        for (Property p : Property.values()) {
            assertTrue(all.stream().anyMatch(k -> k.contains("/" + p.code() + "/")), p.code());
        }
        var standbyOnly = Generator.keys(Spec.of(1, 0, 0).withKinds(EnumSet.of(Kind.STANDBY)));
        assertTrue(standbyOnly.stream().allMatch(k -> k.startsWith("export/wait_times/")), standbyOnly.toString());
        assertEquals(List.of(), Generator.keys(Spec.of(1, 0, 0).withNasty(false)));
    }

    @Test
    void the_long_line_has_the_requested_size() throws IOException {
        var summary = Generator.writeBucket(tmp, Spec.of(1, 0, 0).withKinds(EnumSet.of(Kind.STANDBY))
                .withProperties(List.of(Property.TDR)).withLongLine(3_000_000));
        Path file = tmp.resolve("export/wait_times/tdr/nasty_long_line.csv");
        long longest = 0;
        for (String line : lines(file)) longest = Math.max(longest, line.length());
        assertTrue(longest >= 3_000_000 && longest < 3_000_100, "longest line " + longest);
        assertTrue(summary.files().stream().anyMatch(w -> w.key().endsWith("nasty_long_line.csv")));
    }

    @Test
    void a_big_file_is_streamed_in_small_writes() throws IOException {
        Spec spec = Spec.of(11, 1, 200_000).withNasty(false);
        var largestWrite = new AtomicInteger();
        var total = new AtomicLong();
        Sink counting = key -> new OutputStream() {
            @Override public void write(int b) { write(new byte[] {(byte) b}, 0, 1); }
            @Override public void write(byte[] b, int off, int len) {
                largestWrite.accumulateAndGet(len, Math::max);
                total.addAndGet(len);
            }
        };
        var streamed = Generator.write(counting, spec);
        assertTrue(largestWrite.get() <= 1 << 16, "a write of " + largestWrite.get() + " bytes");
        assertTrue(total.get() > 5_000_000, total + " bytes");

        var onDisk = Generator.writeBucket(tmp, spec);
        Path file = tmp.resolve(onDisk.files().get(0).key());
        assertEquals(total.get(), Files.size(file));
        assertEquals(streamed, onDisk);
        assertEquals(200_000, lines(file).size() - 1);
        try (var s = Files.list(file.getParent())) {
            assertEquals(1, s.count(), "no temp files left behind");
        }
    }

    @Test
    void specs_that_make_no_sense_are_refused_with_a_reason() {
        assertThrows(IllegalArgumentException.class, () -> Spec.of(1, -1, 0));
        assertThrows(IllegalArgumentException.class, () -> Spec.of(1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Spec.of(1, 1, 1).withProperties(List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> Spec.of(1, 1, 1).withProperties(List.of(Property.WDW, Property.WDW)));
        assertThrows(IllegalArgumentException.class, () -> Property.fromCode("xyz"));
        assertThrows(IllegalArgumentException.class, () -> Kind.fromCliName("priority"));
    }

    @Test
    void the_committed_sample_bucket_equals_a_fresh_generation_from_its_readme_command() throws IOException {
        Path project = projectFolder();
        Spec spec = specFromReadme(project.resolve("examples/README.md"));
        Generator.writeBucket(tmp, spec);
        var committed = TreeDigest.files(project.resolve("examples/bucket"));
        var fresh = TreeDigest.files(tmp);
        assertEquals(fresh.keySet(), committed.keySet(), "the sample's file list drifted; regenerate it (examples/README.md)");
        assertEquals(List.of(), differing(fresh, committed), "the sample's bytes drifted; regenerate it (examples/README.md)");
        long bytes = 0;
        for (String k : committed.keySet()) bytes += Files.size(project.resolve("examples/bucket").resolve(k));
        assertTrue(bytes < 300_000, "the sample should stay small: " + bytes + " bytes");
    }

    @Test
    @Tag("slow")
    void the_readme_command_run_through_jbang_writes_the_committed_sample() throws Exception {
        Path project = projectFolder();
        List<String> command = new ArrayList<>();
        boolean windows = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        command.add(project.resolve(windows ? "jbang.cmd" : "jbang").toString());
        List<String> args = readmeArgs(project.resolve("examples/README.md"));
        for (int i = 0; i < args.size(); i++) {
            command.add(args.get(i));
            if (args.get(i).equals("--out")) command.add(tmp.resolve("bucket").toString());
            if (args.get(i).equals("--out")) i++;
        }
        Process p = new ProcessBuilder(command).directory(project.toFile())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile()).start();
        assertEquals(0, p.waitFor(), () -> "generate.java failed: " + read(tmp.resolve("log.txt")));
        assertTrue(read(tmp.resolve("log.txt")).contains("Wrote 56 files"), () -> read(tmp.resolve("log.txt")));
        assertEquals(List.of(), differing(TreeDigest.files(project.resolve("examples/bucket")),
                TreeDigest.files(tmp.resolve("bucket"))), "files that differ from the committed sample");
    }

    /** The keys present in only one of the two trees or with different bytes, sorted. */
    private static List<String> differing(java.util.Map<String, String> a, java.util.Map<String, String> b) {
        var keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(a.get(k), b.get(k))).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The arguments of the generator command in examples/README.md (after {@code ./jbang}). */
    static List<String> readmeArgs(Path readme) throws IOException {
        String command = Files.readAllLines(readme, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("./jbang tools/generate.java ")).findFirst()
                .orElseThrow(() -> new AssertionError("no generate command in " + readme));
        List<String> words = List.of(command.trim().split("\\s+"));
        return words.subList(1, words.size());
    }

    /** The generator command in examples/README.md, turned into a Spec; fails on any option it does not know. */
    static Spec specFromReadme(Path readme) throws IOException {
        List<String> all = readmeArgs(readme);
        List<String> args = all.subList(1, all.size()); // after tools/generate.java
        Long seed = null;
        Integer files = null;
        Long rows = null;
        var props = List.of(Property.values());
        var kinds = EnumSet.allOf(Kind.class);
        boolean nasty = true;
        boolean crlf = false;
        int longLine = 0;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String v = i + 1 < args.size() ? args.get(i + 1) : "";
            switch (a) {
                case "--out" -> i++;
                case "--seed" -> { seed = Long.parseLong(v); i++; }
                case "--files" -> { files = Integer.parseInt(v); i++; }
                case "--rows" -> { rows = Long.parseLong(v); i++; }
                case "--props" -> { props = List.of(v.split(",")).stream().map(Property::fromCode).toList(); i++; }
                case "--kinds" -> {
                    kinds = EnumSet.noneOf(Kind.class);
                    for (String k : v.split(",")) kinds.add(Kind.fromCliName(k));
                    i++;
                }
                case "--long-line" -> { longLine = Integer.parseInt(v); i++; }
                case "--nasty" -> nasty = true;
                case "--no-nasty" -> nasty = false;
                case "--crlf" -> crlf = true;
                default -> fail("The README command has an option this test does not know: " + a);
            }
        }
        if (seed == null || files == null || rows == null) {
            fail("The README command must state --seed, --files and --rows, so tool defaults cannot change it.");
        }
        return new Spec(seed, props, kinds, files, rows, nasty, crlf, longLine);
    }

    /** PARKWAIT_HOME (set by ./jbang), else the nearest folder upwards from here that has examples/README.md. */
    static Path projectFolder() {
        String home = System.getenv("PARKWAIT_HOME");
        if (home != null && Files.isRegularFile(Path.of(home, "examples", "README.md"))) return Path.of(home);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/README.md"))) return p;
        }
        throw new AssertionError("Cannot find the project folder: set PARKWAIT_HOME or run from the project.");
    }

    /** The file's lines, split on LF only (a CR stays in its line); no trailing empty line. */
    private static List<String> lines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.isEmpty()) return List.of();
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        return List.of(text.split("\n", -1));
    }
}
