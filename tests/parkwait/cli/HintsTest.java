package parkwait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.home.ProjectHome;
import picocli.CommandLine;

/** Suggested commands repeat what selects the lock, and the launcher the user started (issue 11 item 7). */
class HintsTest {
    @TempDir Path dir;

    static Common parse(String... args) {
        class Cmd {
            @CommandLine.Mixin Common common;
        }
        Cmd cmd = new Cmd();
        new CommandLine(cmd).parseArgs(args);
        return cmd.common;
    }

    @Test
    void aHintRepeatsTheFoldersAndLockInUseAndTheLauncher() {
        Common c = parse("--output-base", "/data/my waits", "--state-dir", "/var/state", "--lock-url", "s3://locks/x.lock");
        Hints h = Hints.of(c, "./jbang", dir, false);
        assertEquals("./jbang lock.java --output-base '/data/my waits' --state-dir /var/state --lock-url s3://locks/x.lock --clear",
                h.command("lock.java", "--clear").replace(projectPrefix(h), ""));
    }

    @Test
    void withoutALauncherVariableItIsAnInstalledJbangAndWindowsQuotesWithDoubleQuotes() {
        Common c = parse("--output-base", "D:\\my waits");
        Hints h = Hints.of(c, null, dir, true);
        String cmd = h.command("lock.java");
        assertEquals("jbang", cmd.substring(0, cmd.indexOf(' ')));
        assertEquals(true, cmd.endsWith(" --output-base \"" + Path.of("D:\\my waits").toAbsolutePath().normalize() + "\""), cmd);
    }

    @Test
    void theScriptIsNamedByItsFolderUnlessThatIsTheWorkingFolder() throws Exception {
        Path project = Files.createDirectories(dir.resolve("my proj"));
        ProjectHome home = new ProjectHome(project, "the working folder");
        java.util.List<String[]> none = java.util.List.of();
        assertEquals("jbang '" + project + "/lock.java' --check", Hints.of(home, none, "jbang", dir, false).command("lock.java", "--check"));
        assertEquals("jbang lock.java", Hints.of(home, none, "jbang", project, false).command("lock.java"));
        assertEquals("jbang.cmd \"C:\\my proj\\lock.java\"",
                Hints.of(new ProjectHome(Path.of("C:\\my proj"), "x"), none, "jbang.cmd", dir, true).command("lock.java"));
        assertEquals("jbang lock.java", Hints.of(new ProjectHome(null, "not known"), none, null, dir, false).command("lock.java"));
    }

    @Test
    void waitAdviceGrowsWithWhatWasWaited() {
        assertEquals("--wait 30m", Hints.waitAdvice(Duration.ZERO));
        assertEquals(true, Hints.waitAdvice(Duration.ofSeconds(3)).startsWith("--wait 30m (it waited 3 s"), Hints.waitAdvice(Duration.ofSeconds(3)));
        assertEquals(true, Hints.waitAdvice(Duration.ofHours(2)).startsWith("--wait 4h "), Hints.waitAdvice(Duration.ofHours(2)));
    }

    private static String projectPrefix(Hints h) {
        return h.scriptsFolder().isEmpty() ? "" : h.scriptsFolder() + "/";
    }
}
