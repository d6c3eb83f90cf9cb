package parkwait.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import parkwait.testing.JavaProcesses;

/**
 * Runs Windows batch files in Wine's cmd.exe for the jbang.cmd tests: one Wine prefix (its own
 * C: drive and wineserver) in a folder the test owns, created once per test class (wineboot takes
 * about 10-20 s), and a stand-in java.exe built with mingw from fakejava.c. Unix paths are seen
 * by Windows programs under drive Z:.
 */
final class Wine implements AutoCloseable {
    static final String GCC = "x86_64-w64-mingw32-gcc";

    record Result(int exit, String out, String err) {
        String all() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Path prefix;
    private int runs;

    /** Null when Wine and mingw are there, else the sentence saying what is missing. */
    static String missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("wine", "wineboot", "wineserver")) {
            if (!onPath(tool)) missing.add(tool);
        }
        if (!onPath(GCC)) missing.add(GCC);
        if (missing.isEmpty()) return null;
        return "Skipped: " + String.join(", ", missing) + " not on PATH, so jbang.cmd cannot be run under Wine here."
                + " Install them with: apt-get install -y wine wine64 gcc-mingw-w64-x86-64";
    }

    Wine(Path home) throws IOException, InterruptedException {
        this.home = home;
        this.prefix = home.resolve("prefix");
        Result boot = exec(List.of("wineboot", "-i"), Map.of(), null, 300);
        if (boot.exit() != 0) throw new IllegalStateException("wineboot failed:\n" + boot.all());
    }

    /** Windows name of a Unix path (Wine maps / to drive Z:). */
    static String win(Path p) {
        return "Z:" + p.toAbsolutePath().normalize().toString().replace('/', '\\');
    }

    /** Builds the stand-in java.exe from tests/parkwait/launcher/fakejava.c into {@code dir}. */
    Path buildFakeJava(Path dir) throws IOException, InterruptedException {
        Path source = JavaProcesses.projectHome().resolve("tests/parkwait/launcher/fakejava.c");
        Path exe = dir.resolve("java.exe");
        Result r = exec(List.of(GCC, "-municode", "-O1", "-o", exe.toString(), source.toString(), "-lshell32"),
                Map.of(), null, 300);
        if (r.exit() != 0) throw new IllegalStateException("building the stand-in java.exe failed:\n" + r.all());
        return exe;
    }

    /** Writes a batch file (CRLF, as cmd expects) holding {@code lines}, for {@link #start}. */
    Path batch(String... lines) throws IOException {
        Path file = home.resolve("run" + runs++ + ".cmd");
        Files.writeString(file, String.join("\r\n", lines) + "\r\n", StandardCharsets.ISO_8859_1);
        return file;
    }

    /** Starts {@code wine cmd /c <batch>}; {@code env} adds to or (with a null value) removes from the base. */
    Process start(Path batch, Map<String, String> env) throws IOException {
        String name = batch.getFileName().toString();
        ProcessBuilder pb = new ProcessBuilder("wine", "cmd", "/c", win(batch))
                .redirectOutput(home.resolve(name + ".out").toFile())
                .redirectError(home.resolve(name + ".err").toFile());
        baseEnv(pb.environment());
        env.forEach((k, v) -> {
            if (v == null) pb.environment().remove(k);
            else pb.environment().put(k, v);
        });
        return pb.start();
    }

    Result finish(Process p, Path batch) throws IOException, InterruptedException {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(batch + " did not end within 120 s under Wine");
        }
        String name = batch.getFileName().toString();
        return new Result(p.exitValue(), Files.readString(home.resolve(name + ".out"), StandardCharsets.ISO_8859_1),
                Files.readString(home.resolve(name + ".err"), StandardCharsets.ISO_8859_1));
    }

    Result run(Path batch, Map<String, String> env) throws IOException, InterruptedException {
        return finish(start(batch, env), batch);
    }

    /** The Temp folder of the prefix's user, where jbang.cmd keeps its per-start folders. */
    List<Path> tempEntries(String namePrefix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> users = Files.list(prefix.resolve("drive_c/users"))) {
            for (Path user : (Iterable<Path>) users::iterator) {
                Path temp = user.resolve("Temp");
                if (!Files.isDirectory(temp)) continue;
                try (Stream<Path> entries = Files.list(temp)) {
                    entries.filter(e -> e.getFileName().toString().startsWith(namePrefix)).forEach(found::add);
                }
            }
        }
        return found;
    }

    /** Stops this prefix's wineserver and removes the prefix's links (z: points at /) before the folder goes. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            exec(List.of("wineserver", "-k"), Map.of(), null, 60);
        } catch (IOException | IllegalStateException e) {
            System.err.println("Could not stop the wineserver of " + prefix + ": " + e.getMessage());
        }
        Path devices = prefix.resolve("dosdevices");
        if (Files.isDirectory(devices)) {
            try (Stream<Path> links = Files.list(devices)) {
                for (Path link : (Iterable<Path>) links::iterator) Files.delete(link);
            }
        }
        try (Stream<Path> all = Files.walk(prefix)) { // never follows links
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) Files.deleteIfExists(p);
        }
    }

    private Result exec(List<String> cmd, Map<String, String> env, Path dir, int timeoutSeconds)
            throws IOException, InterruptedException {
        String name = "exec" + runs++;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(home.resolve(name + ".out").toFile())
                .redirectError(home.resolve(name + ".err").toFile());
        if (dir != null) pb.directory(dir.toFile());
        baseEnv(pb.environment());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not end within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(home.resolve(name + ".out"), StandardCharsets.ISO_8859_1),
                Files.readString(home.resolve(name + ".err"), StandardCharsets.ISO_8859_1));
    }

    /** Wine passes Unix variables on to Windows programs: keep only what it needs, in a home of its own. */
    private void baseEnv(Map<String, String> e) {
        Map<String, String> keep = new HashMap<>();
        for (String k : List.of("PATH", "USER", "LOGNAME", "LANG")) {
            if (System.getenv(k) != null) keep.put(k, System.getenv(k));
        }
        e.clear();
        e.putAll(keep);
        e.put("HOME", home.toString());
        e.put("WINEPREFIX", prefix.toString());
        e.put("WINEDEBUG", "-all");
        // No Mono or Gecko download prompts, no menu entries written into the home folder.
        e.put("WINEDLLOVERRIDES", "mscoree,mshtml,winemenubuilder.exe=d");
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
