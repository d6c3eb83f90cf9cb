package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
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
    void aKeyWithANewlineOrAnEscapeCannotForgeALogLineOrDriveTheTerminal() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bucket/export/wait_times/wdw"));
        String name = "odd\n2099-01-01 00:00:00 forged line\u001b[2J.csv";
        Files.writeString(folder.resolve(name), "entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id\n"
                + "MK01,2024-01-15 10:30:00,45,,\n");
        Path o = dir.resolve("o");
        Path out = run("odd", "--source", dir.resolve("bucket").toString(), "--output-base", o.toString());
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertFalse(text.contains("\u001b"), text);
        assertTrue(text.contains("odd\\n2099-01-01 00:00:00 forged line\\u001b[2J.csv"), text);
        assertFalse(text.lines().anyMatch(l -> l.startsWith("2099-01-01")), "no line starts with the forged stamp:\n" + text);
        try (Stream<Path> logs = Files.list(o.resolve("logs"))) {
            String log = Files.readString(logs.findFirst().orElseThrow(), StandardCharsets.UTF_8);
            assertTrue(log.lines().allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d .*")), log);
            assertTrue(log.contains("forged line\\u001b[2J.csv"), log);
        }
    }

    @Test
    void runningOutOfMemoryIsOneSentenceWithTheRemedyAndReleasesTheLock() throws Exception {
        // A priority file must be held whole (DESIGN 4.3: the last row per entity and time wins), so a
        // big one outgrows a tiny heap; the JVM still starts and prints in 24 MB.
        Path folder = Files.createDirectories(dir.resolve("bucket/export/fastpass_times/wdw"));
        try (var w = Files.newBufferedWriter(folder.resolve("current_fastpass.csv"), StandardCharsets.US_ASCII)) {
            w.write("FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN\n");
            java.time.LocalDate day = java.time.LocalDate.of(2024, 1, 1);
            for (int d = 0; d < 100; d++, day = day.plusDays(1)) {
                for (int e = 1; e <= 20; e++) {
                    for (int m = 8 * 60; m < 21 * 60; m++) {
                        int win = m + 30;
                        w.write("MK" + e + "," + day.getDayOfMonth() + "," + day.getMonthValue() + "," + day.getYear() + ","
                                + m / 60 + "," + m % 60 + "," + win / 60 + "," + win % 60 + "\n");
                    }
                }
            }
        }
        Path o = dir.resolve("o");
        Path stdout = dir.resolve("oom.out");
        Path stderr = dir.resolve("oom.err");
        Process p = new ProcessBuilder(JavaProcesses.command(List.of("-Xmx24m"), "ingest", "--source", dir.resolve("bucket").toString(),
                "--output-base", o.toString())).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ingest did not end");
        String err = Files.readString(stderr, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("The run ran out of memory (Java heap space") && err.contains("JAVA_TOOL_OPTIONS=-Xmx1024m"), err);
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "no stack trace:\n" + err);
        assertFalse(Files.exists(o.resolve("state/processing.lock")), "the lock was released");
    }

    @Test
    void aRunThatStopsSaysWhyInItsLogFileTooNotOnlyOnTheConsole() throws Exception {
        // Task Scheduler and cron keep no console: the log file must carry the sentence.
        Path o = Files.createDirectories(dir.resolve("o")); // an output folder in use, as a scheduled run's is
        Path out = dir.resolve("missing.out");
        Process p = JavaProcesses.startMain(Class.forName("ingest"), out, Map.of(),
                "--source", dir.resolve("no-such-folder").toString(), "--output-base", o.toString());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        String console = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), console);
        String sentence = console.lines().filter(l -> l.contains("no-such-folder")).reduce((a, b) -> b).orElseThrow();
        try (Stream<Path> logs = Files.list(o.resolve("logs"))) {
            String log = Files.readString(logs.findFirst().orElseThrow(), StandardCharsets.UTF_8);
            assertTrue(log.lines().anyMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d ERROR .*")
                    && l.endsWith(sentence.strip())), "the console's last sentence, at ERROR, in:\n" + log + "\nconsole:\n" + console);
        }
    }

    @Test
    void aMistypedSourceOnANewOutputFolderCreatesNothing() throws Exception {
        Path o = dir.resolve("new-output");
        Path out = dir.resolve("typo.out");
        Process p = JavaProcesses.startMain(Class.forName("ingest"), out, Map.of(),
                "--source", dir.resolve("no-such-folder").toString(), "--output-base", o.toString());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        String console = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), console);
        assertTrue(console.contains("The source folder " + dir.resolve("no-such-folder") + " does not exist"), console);
        assertFalse(Files.exists(o), "no output tree, no empty database: " + console);
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
