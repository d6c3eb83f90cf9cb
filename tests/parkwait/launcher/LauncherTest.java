package parkwait.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/**
 * The ./jbang launcher's fast path (issue 7): real processes on a copy of the project in a temp
 * folder (the real checkout is never modified), with the bootstrapped JBang linked in so nothing
 * is downloaded. PARKWAIT_LAUNCH_DEBUG=1 makes the launcher name the path it took on stderr.
 */
class LauncherTest {
    static final String FAST = "jbang launcher: fast path";
    static final String JBANG = "jbang launcher: jbang path";

    /** Prints each argument as [arg] on its own line; "exit N" as the first two exits with N. */
    static final String ARGS_SCRIPT = """
            ///usr/bin/env jbang "$0" "$@" ; exit $?
            //JAVA 17+
            //SOURCES lib/parkwait/cli/ExitCodes.java

            class args {
                public static void main(String... a) {
                    var out = new StringBuilder();
                    for (String s : a) out.append('[').append(s).append("]\\n");
                    System.out.print(out);
                    System.out.flush();
                    if (a.length == 2 && a[0].equals("exit")) System.exit(Integer.parseInt(a[1]));
                    System.exit(parkwait.cli.ExitCodes.OK);
                }
            }
            """;

    @TempDir Path project;
    @TempDir Path logs;

    @BeforeEach
    void copyProject() throws IOException {
        Path real = JavaProcesses.projectHome();
        Files.copy(real.resolve("jbang"), project.resolve("jbang"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String script : List.of("ingest.java", "lock.java", "status.java")) {
            Files.copy(real.resolve(script), project.resolve(script));
        }
        copyTree(real.resolve("lib"), project.resolve("lib"));
        copyTree(real.resolve("tools"), project.resolve("tools"));
        Files.writeString(project.resolve("args.java"), ARGS_SCRIPT);
        String version = jbangVersion(real.resolve("jbang"));
        Path bootstrap = real.resolve(".jbang-bootstrap").resolve(version).toRealPath();
        Files.createDirectories(project.resolve(".jbang-bootstrap"));
        Files.createSymbolicLink(project.resolve(".jbang-bootstrap").resolve(version), bootstrap);
    }

    @Test
    void aSecondStartOfAnUnchangedScriptSkipsJBang() throws Exception {
        Run first = run(true, "args.java", "one");
        assertEquals(0, first.exit(), first.all());
        assertTrue(first.err().contains(JBANG), first.all());
        assertEquals("[one]\n", first.out());

        Run second = run(true, "args.java", "two");
        assertEquals(0, second.exit(), second.all());
        assertTrue(second.err().contains(FAST), second.all());
        assertEquals("[two]\n", second.out());
    }

    @Test
    void changingALibFileTakesTheJBangPathAndRebuilds() throws Exception {
        assertEquals(0, run(false, "args.java").exit());
        String before = cachedCommand("args");
        Path exitCodes = project.resolve("lib/parkwait/cli/ExitCodes.java");
        Files.writeString(exitCodes, "// changed by LauncherTest\n", StandardOpenOption.APPEND);

        Run changed = run(true, "args.java", "x");
        assertTrue(changed.err().contains(JBANG), changed.all());
        assertEquals("[x]\n", changed.out());
        assertNotEquals(before, cachedCommand("args"), "JBang built a new jar for the changed source");
        assertTrue(run(true, "args.java").err().contains(FAST));

        // Only the modification time, of a file the script does not even use: still the JBang path.
        Path other = project.resolve("lib/parkwait/cli/Version.java");
        Files.setLastModifiedTime(other, FileTime.from(Instant.now().plusSeconds(5)));
        Run touched = run(true, "args.java");
        assertTrue(touched.err().contains(JBANG), touched.all());
        assertTrue(run(true, "args.java").err().contains(FAST));
    }

    @Test
    void argumentsArriveUnchangedOnBothPaths() throws Exception {
        String[] args = {"a b", "  two  spaces ", "it's", "say \"hi\"", "$HOME", "${PATH}", "`date`", "", "*",
                "back\\slash", "tab\there", "line1\nline2", "ünïcødé", "--version", ";", "|", "&&"};
        StringBuilder expected = new StringBuilder();
        for (String a : args) expected.append('[').append(a).append("]\n");
        List<String> cmd = new ArrayList<>(List.of("args.java"));
        cmd.addAll(List.of(args));

        Run viaJBang = run(false, cmd.toArray(String[]::new));
        assertEquals(0, viaJBang.exit(), viaJBang.all());
        assertEquals(expected.toString(), viaJBang.out());
        Run fast = run(false, cmd.toArray(String[]::new));
        assertEquals(0, fast.exit(), fast.all());
        assertEquals(expected.toString(), fast.out());
        assertEquals("", fast.err(), "nothing extra on the console without PARKWAIT_LAUNCH_DEBUG");
    }

    @Test
    void exitCodesPassThrough() throws Exception {
        assertEquals(75, run(true, "args.java", "exit", "75").exit()); // JBang path
        for (int code : new int[] {75, 3, 2, 0}) {
            Run r = run(true, "args.java", "exit", String.valueOf(code));
            assertTrue(r.err().contains(FAST), r.all());
            assertEquals(code, r.exit(), r.all());
        }
    }

    @Test
    void anythingUnusualGoesToJBang() throws Exception {
        assertEquals(0, run(false, "args.java").exit());
        Run option = run(true, "--quiet", "args.java", "q");
        assertEquals("[q]\n", option.out(), option.all());
        assertTrue(option.err().contains(JBANG + " (jbang option --quiet)"), option.all());
        Run build = run(true, "build", "args.java");
        assertEquals(0, build.exit(), build.all());
        assertTrue(build.err().contains(JBANG), build.all());
        Run off = run(true, Map.of("PARKWAIT_LAUNCH_CACHE", "off"), "args.java", "o");
        assertEquals("[o]\n", off.out(), off.all());
        assertTrue(off.err().contains(JBANG), off.all());

        // A class path entry that is gone (say, a cleared JBang cache): rebuild, never a broken start.
        Path cache = cacheFile("args");
        List<String> lines = Files.readAllLines(cache);
        Files.write(cache, List.of(lines.get(0), lines.get(1), lines.get(2).replace(" -classpath ",
                " -classpath " + project.resolve("gone.jar") + ":")));
        Run missing = run(true, "args.java", "m");
        assertEquals("[m]\n", missing.out(), missing.all());
        assertTrue(missing.err().contains(JBANG + " (missing on the class path: " + project.resolve("gone.jar")),
                missing.all());
        assertTrue(run(true, "args.java").err().contains(FAST));
    }

    @Test
    void tenConcurrentStartsWithAStaleCacheAllSucceed() throws Exception {
        assertEquals(0, run(false, "args.java").exit());
        Files.writeString(project.resolve("lib/parkwait/cli/ExitCodes.java"), "// stale\n", StandardOpenOption.APPEND);
        List<Process> ps = new ArrayList<>();
        int firstLog = counter;
        for (int i = 0; i < 10; i++) ps.add(start(true, Map.of(), "args.java", "p" + i, "x y"));
        int jbangPaths = 0;
        for (int i = 0; i < ps.size(); i++) {
            Process p = ps.get(i);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "start " + i + " hung");
            Run r = collect(p, firstLog + i);
            assertEquals(0, r.exit(), r.all());
            assertEquals("[p" + i + "]\n[x y]\n", r.out(), r.all());
            if (r.err().contains(JBANG)) jbangPaths++;
        }
        assertTrue(jbangPaths >= 1, "someone rebuilt");
        if (onPath("flock")) assertEquals(1, jbangPaths, "with flock, one start rebuilds and the others reuse it");
        assertTrue(run(true, "args.java").err().contains(FAST));
        try (Stream<Path> files = Files.list(cacheFile("args").getParent())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith(".")), "no temp file left behind");
        }
    }

    @Test
    void theRealIngestScriptStartsFastWhenUnchanged() throws Exception {
        // The real checkout, read-only: only the launch cache under .jbang-bootstrap/ is written.
        Path real = JavaProcesses.projectHome();
        JavaProcesses.buildScript("ingest.java");
        for (int i = 0; i < 2; i++) {
            Run r = runIn(real, false, Map.of(), "ingest.java", "--version");
            assertEquals(0, r.exit(), r.all());
        }
        Run fast = runIn(real, true, Map.of(), "ingest.java", "--version");
        assertTrue(fast.err().contains(FAST), fast.all());
        assertTrue(fast.out().startsWith("parkwait "), fast.all());
    }

    @Test
    void aRebuildUnderCronsLangCCompilesTheUtf8Sources() throws Exception {
        // A changed source forces a build; under LANG=C javac reads sources as ASCII unless told.
        Files.writeString(project.resolve("lib/parkwait/cli/Version.java"), "// changed by LauncherTest: café\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Map<String, String> env = new java.util.HashMap<>();
        for (String k : System.getenv().keySet()) if (k.startsWith("LC_")) env.put(k, null);
        env.put("LANG", "C");
        env.put("LC_ALL", "C");
        Run r = runCommand(project, env, project.resolve("jbang").toString(), "ingest.java", "--version");
        assertEquals(0, r.exit(), r.all());
        assertTrue(r.out().startsWith("parkwait "), r.all());
    }

    @Test
    void aSymlinkedLauncherFindsItsRealProjectFolder() throws Exception {
        Path bin = Files.createDirectories(logs.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("jbang"), project.resolve("jbang"));
        Run r = runCommand(bin, Map.of(), bin.resolve("jbang").toString(), project.resolve("args.java").toString(), "x");
        assertEquals(0, r.exit(), r.all());
        assertEquals("[x]\n", r.out());
        assertFalse(r.err().contains("pom.xml"), "no Maven error for a bootstrap beside the link: " + r.all());
    }

    @Test
    void anInstalledJBangStartedElsewhereNeverWritesIntoTheWorkingFolder() throws Exception {
        JavaProcesses.buildScript("ingest.java"); // same sources, same JBang cache entry: no build here
        Path jbang = installedJBang();
        Path elsewhere = Files.createDirectories(logs.resolve("elsewhere"));
        String bucket = JavaProcesses.projectHome().resolve("examples/bucket").toString();
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PARKWAIT_HOME", null);
        env.put("PARKWAIT_LAUNCHER", null);

        Run refused = runCommand(elsewhere, env, jbang.toString(), project.resolve("ingest.java").toString(), "--source", bucket);
        assertEquals(2, refused.exit(), refused.all());
        assertTrue(refused.err().contains("does not know where to write"), refused.all());
        try (Stream<Path> s = Files.list(elsewhere)) {
            assertEquals(List.of(), s.toList(), "nothing in the working folder");
        }

        Files.createDirectories(project.resolve("config"));
        Files.writeString(project.resolve("config/config.json"), "{\"output_base\": \"data\"}");
        Run inProject = runCommand(project, env, jbang.toString(), "ingest.java", "--source", bucket);
        assertEquals(0, inProject.exit(), inProject.all());
        assertTrue(inProject.err().contains("Using config " + project.resolve("config/config.json")), inProject.all());
        assertTrue(Files.isDirectory(project.resolve("data/fact_tables/clean")), inProject.all());
        assertFalse(Files.exists(project.resolve("out")));
    }

    /** What JBang's own bash launcher does, with the project's pinned CLI: an "installed" jbang. */
    private Path installedJBang() throws IOException {
        Path lib = JavaProcesses.projectHome().resolve(".jbang-bootstrap").resolve(jbangVersion(project.resolve("jbang"))).resolve("lib");
        Path bin = Files.createDirectories(logs.resolve("installed"));
        Path script = bin.resolve("jbang");
        Files.writeString(script, "#!/usr/bin/env bash\n"
                + "export JBANG_RUNTIME_SHELL=bash\n"
                + "out=$(java -classpath '" + lib + "/*' dev.jbang.Main \"$@\"); rc=$?\n"
                + "if [ $rc -eq 255 ]; then eval \"exec $out\"; fi\n"
                + "[ -n \"$out\" ] && printf '%s\\n' \"$out\"\n"
                + "exit $rc\n");
        script.toFile().setExecutable(true);
        return script;
    }

    Run runCommand(Path dir, Map<String, String> env, String... cmd) throws Exception {
        int n = counter++;
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(logs.resolve(n + ".out").toFile()).redirectError(logs.resolve(n + ".err").toFile());
        pb.environment().remove("PARKWAIT_LAUNCH_DEBUG");
        pb.environment().put("PARKWAIT_BOOTSTRAP_JBANG", "1");
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hung");
        }
        return collect(p, n);
    }

    // ---- helpers ----

    record Run(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private int counter;

    Run run(boolean debug, String... args) throws Exception {
        return run(debug, Map.of(), args);
    }

    Run run(boolean debug, Map<String, String> env, String... args) throws Exception {
        Process p = start(debug, env, args);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./jbang " + String.join(" ", args) + " hung");
        }
        return collect(p, counter - 1);
    }

    Run runIn(Path home, boolean debug, Map<String, String> env, String... args) throws Exception {
        Process p = start(home, debug, env, args);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return collect(p, counter - 1);
    }

    Process start(boolean debug, Map<String, String> env, String... args) throws IOException {
        return start(project, debug, env, args);
    }

    Process start(Path home, boolean debug, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("jbang").toString());
        cmd.addAll(List.of(args));
        int n = counter++;
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile())
                .redirectOutput(logs.resolve(n + ".out").toFile()).redirectError(logs.resolve(n + ".err").toFile());
        Map<String, String> e = pb.environment();
        e.remove("PARKWAIT_LAUNCH_DEBUG");
        e.remove("PARKWAIT_LAUNCH_CACHE");
        e.put("PARKWAIT_HOME", home.toString());
        e.put("PARKWAIT_BOOTSTRAP_JBANG", "1"); // the project's pinned JBang, even where one is installed
        if (debug) e.put("PARKWAIT_LAUNCH_DEBUG", "1");
        e.putAll(env);
        return pb.start();
    }

    Run collect(Process p, int n) throws IOException {
        return new Run(p.exitValue(), Files.readString(logs.resolve(n + ".out"), StandardCharsets.UTF_8),
                Files.readString(logs.resolve(n + ".err"), StandardCharsets.UTF_8));
    }

    Path cacheFile(String name) throws IOException {
        try (Stream<Path> files = Files.list(project.resolve(".jbang-bootstrap/launch-cache"))) {
            return files.filter(f -> f.getFileName().toString().matches(Pattern.quote(name) + "-\\d+\\.cmd"))
                    .findFirst().orElseThrow(() -> new AssertionError("no launch cache for " + name));
        }
    }

    String cachedCommand(String name) throws IOException {
        return Files.readAllLines(cacheFile(name)).get(2);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    static String jbangVersion(Path launcher) throws IOException {
        Matcher m = Pattern.compile("(?m)^JBANG_VERSION=(\\S+)$").matcher(Files.readString(launcher));
        if (!m.find()) throw new IllegalStateException("no JBANG_VERSION= line in " + launcher);
        return m.group(1);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
