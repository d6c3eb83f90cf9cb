package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a run may write: only fixed names under the output base, partition files named by park and
 * date alone (DESIGN 4.5). Used to prove that no source key ever becomes a local path.
 */
final class OutputTree {
    // DESIGN 4.4/4.5 and the lock: every file a run writes, relative to the output base.
    private static final List<Pattern> ALLOWED = List.of(
            Pattern.compile("state/[A-Za-z0-9_.-]+"),
            Pattern.compile("\\.parkwait-output"),
            Pattern.compile("logs/[A-Za-z0-9_.-]+\\.log"),
            Pattern.compile("fact_tables/clean/\\d{4}-\\d{2}/[a-z]{1,5}_\\d{4}-\\d{2}-\\d{2}\\.csv"),
            Pattern.compile("samples/\\d{4}-\\d{2}/wait_time_fact_table_sample\\.(csv|json)"));

    private OutputTree() {
    }

    /** Every regular file and folder under {@code root}, relative, '/'-separated. */
    static Set<String> entries(Path root) throws IOException {
        Set<String> all = new TreeSet<>();
        if (!Files.exists(root)) return all;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> !p.equals(root)).forEach(p -> all.add(root.relativize(p).toString().replace('\\', '/')));
        }
        return all;
    }

    /** Asserts that every file under the output base has one of the fixed names. */
    static void assertOnlyFixedNames(Path out) throws IOException {
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = out.relativize(p).toString().replace('\\', '/');
                assertTrue(ALLOWED.stream().anyMatch(a -> a.matcher(rel).matches()), "a file the pipeline never names: " + rel);
            }
        }
    }

    /**
     * Asserts that no file or folder whose name contains {@code token} exists in {@code roots}
     * (each walked to {@code depth}), nor at the absolute places a key like /etc/x or C:\x could
     * name.
     */
    static void assertNoNameContaining(String token, int depth, Path... roots) {
        List<String> found = new ArrayList<>();
        List<Path> places = new ArrayList<>(List.of(roots));
        places.addAll(List.of(Path.of("/"), Path.of("/etc"), Path.of("/tmp"), Path.of("").toAbsolutePath()));
        for (Path root : places) {
            if (!Files.isDirectory(root)) continue;
            int d = List.of(roots).contains(root) ? depth : 1;
            try (Stream<Path> walk = Files.walk(root, d)) {
                walk.filter(p -> p.getFileName() != null && p.getFileName().toString().contains(token))
                        .forEach(p -> found.add(p.toString()));
            } catch (IOException | UncheckedIOException e) {
                // an unreadable folder (e.g. under /) cannot have been written by us either
            }
        }
        assertEquals(List.of(), found, "paths named after a source key");
    }
}
