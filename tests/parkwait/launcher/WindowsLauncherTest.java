package parkwait.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static parkwait.launcher.FakeJavaLog.calls;
import static parkwait.launcher.FakeJavaLog.kinds;
import static parkwait.launcher.Wine.win;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.launcher.FakeJavaLog.Call;
import parkwait.testing.JavaProcesses;

/**
 * jbang.cmd run in Wine's cmd.exe (issue 11), on a copy of the project in a temp folder, with a
 * stand-in java.exe (fakejava.c) as JBang's CLI, as the script's java and behind a stand-in
 * installed jbang.cmd. Skipped, saying so, where Wine or mingw is missing. One Wine prefix per
 * run of this class, under its temp folder. Exit codes are never judged through CALL: Wine's CALL
 * loses them (real cmd keeps them).
 */
class WindowsLauncherTest {
    static final int[] CODES = {0, 1, 2, 3, 75};
    static final String SYSTEM32 = "C:\\Windows\\System32";

    /** Stands in for an installed JBang's jbang.cmd: like the real one, it ends with its java's exit code. */
    static final String INSTALLED_JBANG = """
            @echo off\r
            setlocal\r
            "%JAVA_HOME%\\bin\\java.exe" installed-jbang %*\r
            exit /b %ERRORLEVEL%\r
            """;

    /** Stands in for Maven: fills the outputDirectory it is given (relative to the pom's folder) with a file. */
    static final String FAKE_MVN = """
            @echo off\r
            setlocal\r
            if not exist pom.xml exit /b 9\r
            set "OUT="\r
            :next\r
            if [%1]==[] goto done\r
            set "A=%~1"\r
            if "%A:~0,18%"=="-DoutputDirectory=" set "OUT=%A:~18%"\r
            shift\r
            goto next\r
            :done\r
            mkdir "%OUT%"\r
            if errorlevel 1 exit /b 8\r
            type nul > "%OUT%\\jbang-cli-fake.jar"\r
            exit /b 0\r
            """;

    static String missing;
    static Wine wine;
    static Path fakeJava;
    @TempDir static Path shared;

    @TempDir Path tmp;
    Path project;
    Path javaHome;
    String version;
    int logs;

    @BeforeAll
    static void startWine() throws Exception {
        missing = Wine.missingTools();
        if (missing != null) {
            System.err.println("WindowsLauncherTest: " + missing);
            return;
        }
        wine = new Wine(shared);
        fakeJava = wine.buildFakeJava(shared);
    }

    @AfterAll
    static void stopWine() throws Exception {
        if (wine != null) wine.close();
    }

    @BeforeEach
    void copyProject() throws IOException {
        assumeTrue(missing == null, missing);
        project = tmp.resolve("my waits (1) & co! ^1");
        Path real = JavaProcesses.projectHome();
        Files.createDirectories(project.resolve("tools/jbang-bootstrap"));
        Files.copy(real.resolve("jbang.cmd"), project.resolve("jbang.cmd"));
        Files.copy(real.resolve("tools/jbang-bootstrap/pom.xml"), project.resolve("tools/jbang-bootstrap/pom.xml"));
        Matcher m = Pattern.compile("set \"JBANG_VERSION=([^\"]+)\"").matcher(Files.readString(real.resolve("jbang.cmd")));
        assertTrue(m.find(), "jbang.cmd sets JBANG_VERSION");
        version = m.group(1);
        javaHome = tmp.resolve("java (x86) & co! ^2");
        Files.createDirectories(javaHome.resolve("bin"));
        Files.copy(fakeJava, javaHome.resolve("bin/java.exe"));
    }

    @Test
    void everyExitCodeComesBackFromTheBootstrapBranch() throws Exception {
        bootstrapped();
        for (int code : CODES) {
            Path log = newLog();
            Wine.Result r = jbangCmd(SYSTEM32, "ingest.java --props wdw", env(log, code, null));
            assertEquals(code, r.exit(), "script exiting " + code + "\n" + r.all());
            assertEquals(List.of("cli", "script"), kinds(log), r.all());
        }
        for (int code : CODES) { // the JBang CLI itself ends the run (a bad jbang option, --help, ...)
            Path log = newLog();
            Map<String, String> env = env(log, 0, null);
            env.put("FAKE_JBANG_EXIT", String.valueOf(code));
            Wine.Result r = jbangCmd(SYSTEM32, "--bad-jbang-option ingest.java", env);
            assertEquals(code, r.exit(), "JBang CLI exiting " + code + "\n" + r.all());
            assertTrue(r.out().contains("fake jbang exits " + code), "its output is shown\n" + r.all());
            assertEquals(List.of("cli"), kinds(log), r.all());
        }
    }

    @Test
    void everyExitCodeComesBackFromAnInstalledJBang() throws Exception {
        bootstrapped(); // there too, so that only the installed jbang.cmd explains what ran
        Path installed = tmp.resolve("installed & jbang!");
        Files.createDirectories(installed);
        Files.writeString(installed.resolve("jbang.cmd"), INSTALLED_JBANG, StandardCharsets.ISO_8859_1);
        // The project folder first on PATH (with a trailing backslash): jbang.cmd must skip itself.
        String path = win(project) + "\\;" + win(installed);
        for (int code : CODES) {
            Path log = newLog();
            Wine.Result r = jbangCmd(SYSTEM32, "ingest.java \"a b\"", env(log, code, path));
            List<Call> calls = calls(log);
            assertEquals(1, calls.size(), r.all());
            assertEquals(List.of("installed-jbang", "ingest.java", "a b"), calls.get(0).args(), r.all());
            assertEquals(win(project), calls.get(0).home(), "PARKWAIT_HOME reaches the installed JBang");
            assertEquals(code, r.exit(), "script exiting " + code + " behind an installed JBang\n" + r.all());
        }
    }

    @Test
    void threeStartsInTheSameSecondAllReachJava() throws Exception {
        bootstrapped();
        // cmd seeds RANDOM from the clock in seconds: start all three early in one second.
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() % 1000 > 100 && System.currentTimeMillis() < deadline) Thread.sleep(2);
        List<Process> started = new ArrayList<>();
        List<Path> batches = new ArrayList<>();
        List<Path> logsOf = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path log = newLog();
            Path batch = driver(SYSTEM32, "ingest.java start" + i);
            batches.add(batch);
            logsOf.add(log);
            started.add(wine.start(batch, env(log, 3, null)));
        }
        for (int i = 0; i < 3; i++) {
            Wine.Result r = wine.finish(started.get(i), batches.get(i));
            assertEquals(3, r.exit(), "start " + i + "\n" + r.all());
            assertEquals(List.of("cli", "script"), kinds(logsOf.get(i)), "start " + i + "\n" + r.all());
            assertEquals("start" + i, last(calls(logsOf.get(i)).get(1).args()), r.all());
        }
        assertEquals(List.of(), wine.tempEntries("parkwait-jbang"), "each start removes its temp folder");
    }

    @Test
    void threeFirstStartsAtOnceFetchJBangOnceAndAllReachJava() throws Exception {
        Path mvn = tmp.resolve("maven bin");
        Files.createDirectories(mvn);
        Files.writeString(mvn.resolve("mvn.cmd"), FAKE_MVN, StandardCharsets.ISO_8859_1);
        List<Process> started = new ArrayList<>();
        List<Path> batches = new ArrayList<>();
        List<Path> logsOf = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path log = newLog();
            Path batch = driver(SYSTEM32, "ingest.java first" + i);
            batches.add(batch);
            logsOf.add(log);
            started.add(wine.start(batch, env(log, 0, win(mvn))));
        }
        for (int i = 0; i < 3; i++) {
            Wine.Result r = wine.finish(started.get(i), batches.get(i));
            assertEquals(0, r.exit(), "start " + i + "\n" + r.all());
            assertEquals(List.of("cli", "script"), kinds(logsOf.get(i)), "start " + i + "\n" + r.all());
        }
        Path bootstrap = project.resolve(".jbang-bootstrap");
        assertTrue(Files.exists(bootstrap.resolve(version).resolve("ready")));
        assertTrue(Files.exists(bootstrap.resolve(version).resolve("lib/jbang-cli-fake.jar")));
        try (Stream<Path> left = Files.list(bootstrap)) {
            assertEquals(List.of(bootstrap.resolve(version)), left.toList(), "no download folder left behind");
        }
    }

    @Test
    void aProjectFolderAndArgumentsWithSpacesAmpersandBangCaretArriveUnchanged() throws Exception {
        bootstrapped();
        Path log = newLog();
        // As typed in a .cmd file; C:\dir\ unquoted keeps its backslash.
        Wine.Result r = jbangCmd(SYSTEM32, "ingest.java \"a b\" \"x&y\" \"wow!\" \"c^d\" \"p & q ! r ^ s\" "
                + "--output-base=\"C:\\my waits\" C:\\dir\\ (1)", env(log, 0, null));
        assertEquals(0, r.exit(), r.all());
        List<String> given = List.of("ingest.java", "a b", "x&y", "wow!", "c^d", "p & q ! r ^ s",
                "--output-base=C:\\my waits", "C:\\dir\\", "(1)");
        List<Call> calls = calls(log);
        assertEquals(2, calls.size(), r.all());
        List<String> cli = calls.get(0).args();
        assertEquals(win(project) + "\\.jbang-bootstrap\\" + version + "\\lib\\*", cli.get(1), r.all());
        assertEquals(given, cli.subList(3, cli.size()), "what JBang's CLI got\n" + r.all());
        List<String> script = calls.get(1).args();
        assertEquals(given, script.subList(3, script.size()), "what the script got\n" + r.all());
        for (Call c : calls) {
            assertEquals(win(project), c.home(), "PARKWAIT_HOME is the project folder");
            assertEquals(SYSTEM32.toLowerCase(Locale.ROOT), c.cwd().toLowerCase(Locale.ROOT), "started where Task Scheduler starts");
        }
    }

    @Test
    void argumentsJBangWouldPassOnWronglyAreRefused() throws Exception {
        bootstrapped();
        Map<String, String> refused = Map.of(
                "ingest.java --props \"\" --full-rebuild", "argument 3 is empty",
                "ingest.java \"a>b\"", "argument 2 (\"a>b\") contains < or >",
                "ingest.java --output-base \"C:\\my waits\\\" --full-rebuild", "ends with a backslash inside quotes");
        for (var e : refused.entrySet()) {
            Path log = newLog();
            Wine.Result r = jbangCmd(tmp.toString(), e.getKey(), env(log, 0, null));
            assertEquals(2, r.exit(), e.getKey() + "\n" + r.all());
            assertTrue(r.err().contains(e.getValue()), e.getKey() + "\n" + r.all());
            assertFalse(Files.exists(log), "nothing started for " + e.getKey());
        }
        assertFalse(Files.exists(tmp.resolve("b")), "no redirection into a file b");
    }

    @Test
    void aMissingJavaIsSaidInASentenceAndJavaOnPathIsFound() throws Exception {
        bootstrapped();
        Map<String, String> env = env(newLog(), 0, null);
        env.put("JAVA_HOME", win(tmp.resolve("no java here")));
        Wine.Result r = jbangCmd(SYSTEM32, "ingest.java", env);
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("jbang: JAVA_HOME is \"" + win(tmp.resolve("no java here")) + "\", but there is no"), r.all());

        env.put("JAVA_HOME", null);
        Wine.Result none = jbangCmd(SYSTEM32, "ingest.java", env);
        assertEquals(1, none.exit(), none.all());
        assertTrue(none.err().contains("jbang: no Java found. Install Java 17 or newer, or set JAVA_HOME."), none.all());

        Path log = newLog();
        Map<String, String> onPath = env(log, 3, win(javaHome.resolve("bin")));
        onPath.put("JAVA_HOME", null);
        Wine.Result found = jbangCmd(SYSTEM32, "ingest.java", onPath);
        assertEquals(3, found.exit(), found.all());
        assertEquals(List.of("cli", "script"), kinds(log), found.all());
    }

    @Test
    void theReadmesTaskSchedulerCommandWorksOnAFreshOutputFolder() throws Exception {
        // The /TR command of the README's schtasks lines, run by Wine's cmd as Task Scheduler would
        // (from System32), with its two folders replaced by fresh ones: the log folder does not exist.
        String readme = Files.readString(JavaProcesses.projectHome().resolve("README.md"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("/TR \"(cmd /c [^\"\n]*)\"").matcher(readme);
        assertTrue(m.find(), "README has a schtasks /TR \"cmd /c ...\" line");
        Path plain = tmp.resolve("parkwait"); // the recipe's paths are unquoted: no spaces here
        Files.createDirectories(plain.resolve("tools/jbang-bootstrap"));
        Files.copy(project.resolve("jbang.cmd"), plain.resolve("jbang.cmd"));
        Path dir = plain.resolve(".jbang-bootstrap").resolve(version);
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("ready"), "");
        Path waits = tmp.resolve("fresh").resolve("waits");
        String command = m.group(1).replace("C:\\parkwait", win(plain)).replace("D:\\Dropbox\\waits", win(waits));
        assertTrue(!command.contains("C:\\parkwait") && !command.contains("D:\\"), command);
        Path log = newLog();
        Wine.Result r = wine.run(wine.batch("@echo off", "cd /d " + SYSTEM32, command), env(log, 3, null));
        assertEquals(3, r.exit(), "the script's exit code is the task's result\n" + command + "\n" + r.all());
        assertEquals(List.of("cli", "script"), kinds(log), r.all());
        assertTrue(Files.isRegularFile(waits.resolve("logs/task.txt")), "the redirect's folder was made first\n" + r.all());
        Wine.Result again = wine.run(wine.batch("@echo off", "cd /d " + SYSTEM32, command), env(newLog(), 0, null));
        assertEquals(0, again.exit(), "and again, now that the folder exists\n" + again.all());
    }

    // ---- helpers ----

    /** The pre-made JBang folder a first run would have fetched; its CLI is the stand-in java.exe. */
    void bootstrapped() throws IOException {
        Path dir = project.resolve(".jbang-bootstrap").resolve(version);
        Files.createDirectories(dir.resolve("lib"));
        Files.writeString(dir.resolve("ready"), "");
    }

    Path newLog() {
        return tmp.resolve("java" + logs++ + ".log");
    }

    Map<String, String> env(Path log, int exit, String winePath) {
        Map<String, String> env = new HashMap<>();
        env.put("FAKE_JAVA_LOG", win(log));
        env.put("FAKE_JAVA_EXIT", String.valueOf(exit));
        env.put("JAVA_HOME", win(javaHome));
        if (winePath != null) env.put("WINEPATH", winePath);
        return env;
    }

    /** A batch file doing what a user or Task Scheduler does: start jbang.cmd by full path from {@code dir}. */
    Path driver(String dir, String args) throws IOException {
        String windowsDir = dir.startsWith("/") ? win(Path.of(dir)) : dir;
        return wine.batch("@echo off", "cd /d \"" + windowsDir + "\"", "\"" + win(project.resolve("jbang.cmd")) + "\" " + args);
    }

    Wine.Result jbangCmd(String dir, String args, Map<String, String> env) throws Exception {
        return wine.run(driver(dir, args), env);
    }

    static String last(List<String> list) {
        return list.get(list.size() - 1);
    }
}
