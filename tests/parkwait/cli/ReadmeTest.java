package parkwait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/** The README's claims that a test can run: its Options block, and its cron recipe on a fresh folder. */
class ReadmeTest {
    @TempDir Path dir;

    static String readme() throws Exception {
        return Files.readString(JavaProcesses.projectHome().resolve("README.md"), StandardCharsets.UTF_8);
    }

    @Test
    void theOptionsBlockNamesEveryOptionOfIngestHelpWithTheSameOutputDefault() throws Exception {
        String readme = readme();
        int start = readme.indexOf("./jbang ingest.java --help\n");
        assertTrue(start > 0, "README has an Options block starting with ./jbang ingest.java --help");
        String block = readme.substring(start, readme.indexOf("```", start));
        ScriptRun help = ScriptRun.run(dir, Map.of(), "ingest", "--help");
        assertEquals(0, help.exit(), help.all());
        List<String> missing = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^\\s+(?:(-\\w), )?(--[a-z-]+)").matcher(help.out());
        while (m.find()) {
            for (String name : new String[] {m.group(1), m.group(2)}) {
                if (name != null && !Pattern.compile("(^|[\\s/,])" + Pattern.quote(name) + "\\b").matcher(block).find()) missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "options --help lists that the README's Options block lacks");
        String help1 = help.out().replaceAll("\\s+", " ");
        assertTrue(help1.contains("(default: output_base in the config, else <project>/out)"), help.out());
        assertTrue(block.contains("(default: output_base in the config, else <project>/out)"), block);
        assertTrue(readme.contains("A relative `output_base` is relative to the project folder"), "config section");
    }

    @Test
    void theCronRecipeRunsAsWrittenOnAFreshOutputFolderWithCronsEnvironment() throws Exception {
        String readme = readme();
        Matcher m = Pattern.compile("```cron\\n(.*?)\\n```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README has a ```cron block");
        String line = m.group(1).strip();
        // Five schedule fields, then the command cron hands to sh -c.
        String command = line.replaceFirst("^(\\S+\\s+){5}", "");
        Path home = JavaProcesses.projectHome();
        Path waits = dir.resolve("data waits"); // a fresh output folder: nothing exists yet
        assertTrue(command.contains("/opt/parkwait") && command.contains("/data/waits"), command);
        String runnable = command.replace("/opt/parkwait", home.toString()).replace("/data/waits", "'" + waits + "'")
                .replace("ingest.java", "ingest.java --source examples/bucket");
        assertTrue(!Files.exists(waits));

        ProcessBuilder pb = new ProcessBuilder("sh", "-c", runnable).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sh.txt").toFile());
        Map<String, String> env = pb.environment();
        env.clear(); // cron's environment: HOME, LOGNAME, SHELL, a minimal PATH, LANG=C
        env.put("HOME", System.getProperty("user.home"));
        env.put("LOGNAME", System.getProperty("user.name"));
        env.put("SHELL", "/bin/sh");
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the cron command hung");
        String shell = Files.readString(dir.resolve("sh.txt"));
        String log = Files.exists(waits.resolve("logs/cron.txt")) ? Files.readString(waits.resolve("logs/cron.txt")) : "";
        assertEquals(0, p.exitValue(), "sh -c " + runnable + "\n" + shell + log);
        assertTrue(log.contains("Rows: ") && log.contains("Partitions: "), "the run's summary in the redirect: " + log);
        assertTrue(Files.isDirectory(waits.resolve("fact_tables/clean")), log);
    }
}
