package parkwait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/**
 * The scripts find their project folder (and so config/config.json and the default output folder)
 * however they were started, or say they cannot and write nothing: issue 11 item 1. Each case runs
 * the real ingest main as an installed JBang runs it, {@code java -classpath <jar> ingest}, with no
 * PARKWAIT_HOME, in a working folder of the test's choosing.
 */
class ProjectFolderTest {
    @TempDir Path elsewhere;
    @TempDir Path project;
    @TempDir Path outputs;
    Path bucket;

    @BeforeEach
    void fakeProject() throws Exception {
        bucket = JavaProcesses.projectHome().resolve("examples/bucket").toAbsolutePath();
        Files.writeString(project.resolve("ingest.java"), "// a project folder holds ingest.java and lib/parkwait/\n");
        Files.createDirectories(project.resolve("lib/parkwait"));
        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/config.json"), "{\"output_base\": \"data\", \"default_props\": [\"wdw\"]}\n");
    }

    @Test
    void startedInAnUnrelatedFolderWithoutOutputBaseItRefusesAndWritesNothingThere() throws Exception {
        ScriptRun r = ScriptRun.run(elsewhere, Map.of(), "ingest", "--source", bucket.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.all());
        assertTrue(r.err().contains("does not know where to write"), r.all());
        assertTrue(r.err().contains("--output-base DIR") && r.err().contains("PARKWAIT_HOME"), r.all());
        assertEquals(List.of(), entries(elsewhere), "nothing written into the working folder");
    }

    @Test
    void startedInAnUnrelatedFolderWithOutputBaseItSaysThatItUsesNoConfig() throws Exception {
        Path out = outputs.resolve("waits");
        ScriptRun r = ScriptRun.run(elsewhere, Map.of(), "ingest", "--source", bucket.toString(), "--output-base", out.toString());
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.err().contains("Using no config file (the project folder is not known)"), r.all());
        assertTrue(r.err().contains("output in " + out + "."), r.all());
        assertTrue(r.out().contains("CSVs:       " + out.resolve("fact_tables").resolve("clean")), r.all());
        assertTrue(r.out().contains("Log:        " + out.resolve("logs")), r.all());
        assertEquals(List.of(), entries(elsewhere));
    }

    @Test
    void theProjectFolderAsWorkingFolderGivesItsConfigAndOutputBase() throws Exception {
        ScriptRun r = ScriptRun.run(project, Map.of(), "ingest", "--source", bucket.toString());
        assertEquals(0, r.exit(), r.all());
        assertUsedTheProjectConfig(r);
    }

    @Test
    void aFolderInsideTheProjectFindsItToo() throws Exception {
        Path sub = Files.createDirectories(project.resolve("config"));
        ScriptRun r = ScriptRun.run(sub, Map.of(), "ingest", "--source", bucket.toString());
        assertEquals(0, r.exit(), r.all());
        assertUsedTheProjectConfig(r);
    }

    @Test
    void parkwaitHomeInTheEnvironmentOrAsSystemPropertyNamesTheProjectFromAnywhere() throws Exception {
        ScriptRun env = ScriptRun.run(elsewhere, Map.of("PARKWAIT_HOME", project.toString()), "ingest", "--source", bucket.toString());
        assertEquals(0, env.exit(), env.all());
        assertUsedTheProjectConfig(env);
        assertTrue(env.err().contains("(from PARKWAIT_HOME)"), env.all());

        ScriptRun prop = ScriptRun.run(elsewhere, Map.of(), List.of("-Dparkwait.home=" + project), "ingest",
                "--source", bucket.toString());
        assertEquals(0, prop.exit(), prop.all());
        assertUsedTheProjectConfig(prop);
        assertEquals(List.of(), entries(elsewhere));
    }

    @Test
    void aConfigFileInAProjectsConfigFolderNamesThatProject() throws Exception {
        ScriptRun r = ScriptRun.run(elsewhere, Map.of(), "ingest", "--source", bucket.toString(),
                "--config", project.resolve("config/config.json").toString());
        assertEquals(0, r.exit(), r.all());
        assertUsedTheProjectConfig(r);
        assertEquals(List.of(), entries(elsewhere));
    }

    @Test
    void aRelativeOutputBaseWithNoKnownProjectIsAUsageError() throws Exception {
        Path config = outputs.resolve("my-config.json");
        Files.writeString(config, "{\"output_base\": \"rel\"}");
        ScriptRun r = ScriptRun.run(elsewhere, Map.of(), "ingest", "--source", bucket.toString(), "--config", config.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.all());
        assertTrue(r.err().contains("output_base \"rel\" in " + config + " is relative to the project folder"), r.all());
        assertEquals(List.of(), entries(elsewhere));
    }

    @Test
    void aParkwaitHomeThatIsNotAFolderIsAUsageErrorNotAnotherFolder() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("PARKWAIT_HOME", elsewhere.resolve("no-such-folder").toString());
        ScriptRun r = ScriptRun.run(project, env, "ingest", "--source", bucket.toString());
        assertEquals(ExitCodes.USAGE, r.exit(), r.all());
        assertTrue(r.err().contains("PARKWAIT_HOME names " + elsewhere.resolve("no-such-folder") + ", which is not a folder"), r.all());
        assertFalse(Files.exists(project.resolve("data")));
    }

    @Test
    void lockAndStatusUseTheSameFolders() throws Exception {
        ScriptRun ingest = ScriptRun.run(project, Map.of(), "ingest", "--source", bucket.toString());
        assertEquals(0, ingest.exit(), ingest.all());
        ScriptRun lock = ScriptRun.run(project.resolve("config"), Map.of(), "lock");
        assertEquals(0, lock.exit(), lock.all());
        assertTrue(lock.out().contains(project.resolve("data/state/processing.lock").toString()), lock.all());
        ScriptRun status = ScriptRun.run(project, Map.of(), "status", "--json");
        assertEquals(0, status.exit(), status.all());
        assertTrue(status.out().contains("\"outputBase\" : \"" + project.resolve("data") + "\""), status.all());
        ScriptRun refused = ScriptRun.run(elsewhere, Map.of(), "status");
        assertEquals(ExitCodes.USAGE, refused.exit(), refused.all());
        assertEquals(List.of(), entries(elsewhere));
    }

    private void assertUsedTheProjectConfig(ScriptRun r) {
        Path data = project.resolve("data");
        assertTrue(r.err().contains("Using config " + project.resolve("config/config.json")), r.all());
        assertTrue(r.err().contains("output in " + data + "."), r.all());
        assertTrue(r.err().contains("for wdw..."), "default_props from the project's config: " + r.all());
        assertTrue(Files.isDirectory(data.resolve("fact_tables/clean")), r.all());
        assertFalse(Files.exists(project.resolve("out")), "the config's output_base, not <project>/out");
    }

    private static List<String> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
