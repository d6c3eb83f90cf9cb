package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/** What a scheduled run prints (no terminal), what a dry run does, and log housekeeping: real processes. */
class ConsoleOutputTest {
    @TempDir Path dir;

    Path run(String name, String... args) throws Exception {
        Path log = dir.resolve(name + ".out");
        Process p = JavaProcesses.startMain(Class.forName("ingest"), log, Map.of(), args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(log));
        return log;
    }

    @Test
    void withoutATerminalEveryLineIsPlainAndTimestamped() throws Exception {
        Path bucket = JavaProcesses.projectHome().resolve("examples").resolve("bucket");
        Path out = run("plain", "--source", bucket.toString(), "--output-base", dir.resolve("o").toString());
        byte[] bytes = Files.readAllBytes(out);
        for (byte b : bytes) {
            assertTrue(b == '\n' || (b & 0xff) >= 0x20, "control character " + b + " in:\n" + new String(bytes, StandardCharsets.UTF_8));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\[1/\\d+\\] export/.*")), text);
        assertTrue(text.contains("Files:") && text.contains("Rows:"), text);
    }

    @Test
    void dryRunListsWhatWouldBeReadAndWhyAndWritesNothing() throws Exception {
        Path bucket = dir.resolve("bucket");
        JavaProcesses.projectHome();
        parkwait.gen.Generator.writeBucket(bucket, parkwait.gen.Spec.of(3, 10, 2000).withNasty(false));
        Path o = dir.resolve("o");
        String first = Files.readString(run("dry1", "--dry-run", "--source", bucket.toString(), "--output-base", o.toString()));
        assertTrue(first.contains("would load  new ") && first.contains("Dry run: 10 to load"), first);
        assertFalse(Files.exists(o), "a dry run creates nothing");

        run("real", "--source", bucket.toString(), "--output-base", o.toString());
        Path changed;
        try (Stream<Path> s = Files.walk(bucket)) {
            changed = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        Files.writeString(changed, Files.readString(changed) + "\n");
        Files.setLastModifiedTime(changed, FileTime.from(Instant.now().plusSeconds(5)));
        String tree = Pipelines.csvTree(o);
        String second = Files.readString(run("dry2", "--dry-run", "--source", bucket.toString(), "--output-base", o.toString()));
        assertTrue(second.contains("would load  changed ") && second.contains("Dry run: 1 to load, 9 unchanged"), second);
        assertEquals(tree, Pipelines.csvTree(o));
    }

    @Test
    void logsOlderThanKeepLogsArePruned() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("o").resolve("logs"));
        Path old = Files.writeString(logs.resolve("ingest_20200101_050000.log"), "old");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(40L * 86400)));
        Path recent = Files.writeString(logs.resolve("ingest_20200102_050000.log"), "recent");
        Path other = Files.writeString(logs.resolve("notes.txt"), "not ours");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().minusSeconds(400L * 86400)));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        run("prune", "--source", empty.toString(), "--output-base", dir.resolve("o").toString(), "--keep-logs", "30d");
        assertFalse(Files.exists(old));
        assertTrue(Files.exists(recent) && Files.exists(other));
    }
}
