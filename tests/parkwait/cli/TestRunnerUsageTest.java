package parkwait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tests/run.java has a real --help and usage errors (issue 11 item 8); it runs as a child JVM. */
class TestRunnerUsageTest {
    @TempDir Path dir;

    @Test
    void helpPrintsUsageAndExitsZeroWithoutRunningTests() throws Exception {
        ScriptRun r = ScriptRun.run(dir, Map.of(), "run", "--help");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("Usage: ./jbang tests/run.java"), r.all());
        assertTrue(!r.out().contains("0 passed"), "no tests ran: " + r.all());
    }

    @Test
    void aTagOptionWithoutItsValueIsAUsageError() throws Exception {
        ScriptRun r = ScriptRun.run(dir, Map.of(), "run", "--exclude-tag");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().startsWith("--exclude-tag needs a tag, e.g. --exclude-tag slow."), r.all());
        assertTrue(!r.err().contains("Exception"), r.all());
    }

    @Test
    void anUnknownOptionIsAUsageErrorNotAClassFilter() throws Exception {
        ScriptRun r = ScriptRun.run(dir, Map.of(), "run", "--verbose");
        assertEquals(2, r.exit(), r.all());
        assertTrue(r.err().startsWith("Unknown option --verbose."), r.all());
    }

    @Test
    void aFilterThatMatchesNothingSaysSo() throws Exception {
        ScriptRun r = ScriptRun.run(dir, Map.of(), "run", "NoSuchTestAnywhere");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.out().contains("0 passed, 0 failed"), r.all());
        assertTrue(r.out().contains("No tests ran: no test class is named NoSuchTestAnywhere."), r.all());
    }
}
