package parkwait.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import parkwait.cli.ExitCodes;
import parkwait.testing.JavaProcesses;

/** config/config.json: the predecessor's keys, ours, and clear refusals naming the key (exit 2). */
class ConfigTest {
    @TempDir Path dir;

    Config load(String json) throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return Config.load(f);
    }

    @Test
    void predecessorKeysAndOursAreRead() throws Exception {
        Config c = load("{\"output_base\": \"D:/waits\", \"s3_bucket\": \"my_bucket\", \"default_props\": [\"wdw\", \"DLR\"],"
                + " \"chunksize\": 50000, \"sample_k\": 10, \"log_level\": \"debug\", \"zones\": {\"ush\": \"America/Chicago\"},"
                + " \"journal_mode\": \"WAL\", \"max_failures\": 5, \"endpoint_url\": \"http://127.0.0.1:9000\", \"path_style\": true}");
        assertEquals("D:/waits", c.outputBase());
        assertEquals("my_bucket", c.s3Bucket());
        assertEquals(List.of("wdw", "dlr"), c.defaultProps());
        assertEquals(10, c.sampleK());
        assertEquals("DEBUG", c.logLevel());
        assertEquals(ZoneId.of("America/Chicago"), c.zones().get("ush"));
        assertEquals(ZoneId.of("America/New_York"), c.zones().get("wdw"));
        assertEquals("wal", c.journalMode());
        assertEquals(5, c.maxFailures());
        assertTrue(c.pathStyle());
    }

    @Test
    void anEmptyObjectGivesTheDefaults() throws Exception {
        assertEquals(Config.defaults(), load("{}"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"outputbase\": \"x\"}|Unknown key \"outputbase\"",
            "{\"default_props\": [\"wdw\", \"xyz\"]}|Bad value for \"default_props\"",
            "{\"sample_k\": -1}|Bad value for \"sample_k\"",
            "{\"sample_k\": \"ten\"}|Bad value for \"sample_k\"",
            "{\"chunksize\": 1.5}|Bad value for \"chunksize\"",
            "{\"log_level\": \"LOUD\"}|Bad value for \"log_level\"",
            "{\"journal_mode\": \"memory\"}|Bad value for \"journal_mode\"",
            "{\"zones\": {\"wdw\": \"Mars/Olympus\"}}|Bad value for \"zones.wdw\"",
            "{\"path_style\": \"yes\"}|Bad value for \"path_style\"",
            "[1, 2]|must hold a JSON object",
            "{\"s3_bucket\": |is not valid JSON",
            "{\"default_props\": []}|Bad value for \"default_props\"",
            "{\"default_props\": \" , \"}|Bad value for \"default_props\"",
            "{\"output_base\": \"\"}|Bad value for \"output_base\"",
            "{\"output_base\": \"  \"}|Bad value for \"output_base\"",
            "{\"sample_k\": 5} {\"sample_k\": 6}|has text after its JSON object ends (line 1"})
    void badKeysAndValuesAreRefusedNamingTheKeyAndWhatIsAllowed(String json, String expected) throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load(json));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(ExitCodes.USAGE, e.exitCode());
        if (e.getMessage().startsWith("Bad value")) assertTrue(e.getMessage().contains("Allowed:"), e.getMessage());
    }

    @Test
    void aByteOrderMarkAsNotepadWritesItIsAccepted() throws Exception {
        Path f = dir.resolve("config.json");
        Files.write(f, ("\uFEFF{\"sample_k\": 7}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(7, Config.load(f).sampleK());
    }

    @Test
    void anOutputBaseThatIsAFileAndAnEndlessWaitAreUsageErrorsWithASentence() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Path f = Files.writeString(dir.resolve("c.json"), "{\"output_base\": \"" + file.toString().replace("\\", "/") + "\"}");
        String out = runScript("file.log", "--config", f.toString(), "--source", dir.toString());
        assertTrue(out.contains("The output folder " + file) && out.contains("is a file, not a folder"), out);

        out = runScript("wait.log", "--source", dir.toString(), "--output-base", dir.resolve("o").toString(),
                "--wait", "106751991167300d");
        assertTrue(out.contains("--wait") && out.contains("longer than allowed"), out);
        assertTrue(!Files.exists(dir.resolve("o")), "nothing was written");
    }

    /** Runs ingest.java, expects exit 2 with no stack trace and no "Internal error"; returns what it printed. */
    private String runScript(String logName, String... args) throws Exception {
        Process p = JavaProcesses.startMain(Class.forName("ingest"), dir.resolve(logName), Map.of(), args);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve(logName));
        assertEquals(2, p.exitValue(), out);
        assertTrue(!out.contains("Internal error") && !out.contains("\tat "), out);
        return out;
    }

    @Test
    void aMissingConfigFileNamedOnTheCommandLineIsAUsageError() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void theScriptExitsTwoWithTheSentenceAndNoStackTrace() throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"sample_k\": \"lots\"}");
        Process p = JavaProcesses.startMain(Class.forName("ingest"), dir.resolve("out.log"), Map.of(),
                "--config", f.toString(), "--source", dir.toString(), "--output-base", dir.resolve("o").toString());
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("out.log"));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("Bad value for \"sample_k\""), out);
        assertTrue(!out.contains("Exception") && !out.contains("\tat "), out);
        assertTrue(!Files.exists(dir.resolve("o").resolve("state")), "nothing was written");
    }
}
