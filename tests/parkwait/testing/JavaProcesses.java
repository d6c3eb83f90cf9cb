package parkwait.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Real child processes for tests: a JVM running a test main on our class path, or a project script. */
public final class JavaProcesses {
    private JavaProcesses() {
    }

    /** Starts {@code java -cp <this class path> main args...}; output goes to {@code log}. */
    public static Process startMain(Class<?> main, Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = command(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"), main.getName(), args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** {@code java <jvmOptions> -cp <this class path> main args...}, for callers that redirect the streams themselves. */
    public static List<String> command(List<String> jvmOptions, String main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The project folder: PARKWAIT_HOME (set by ./jbang), else the nearest parent holding ./jbang. */
    public static Path projectHome() {
        String home = System.getenv("PARKWAIT_HOME");
        if (home != null && Files.isRegularFile(Path.of(home, "jbang"))) return Path.of(home);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("jbang")) && Files.isDirectory(p.resolve("lib"))) return p;
        }
        throw new IllegalStateException("cannot find the project folder (no PARKWAIT_HOME, no ./jbang above " + Path.of("").toAbsolutePath() + ")");
    }

    /** Builds a script once, so that processes started together never build it concurrently (jbangdev/jbang#2445). */
    public static void buildScript(String script) throws Exception {
        Result r = runScript(Duration.ofMinutes(5), Map.of(), "build", script);
        if (r.exitCode() != 0) throw new IllegalStateException("jbang build " + script + " failed:\n" + r.output());
    }

    /** Starts {@code ./jbang script args...} from the project folder; stdout and stderr go to {@code log}. */
    public static Process startScript(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(projectHome().resolve("jbang").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectHome().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** The exit code and combined output of a finished command. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code ./jbang args...} to completion (killed at the deadline). */
    public static Result runScript(Duration deadline, Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile("parkwait-script", ".log");
        try {
            Process p = startScript(log, env, args);
            if (!p.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("./jbang " + String.join(" ", args) + " did not finish within " + deadline
                        + ":\n" + Files.readString(log));
            }
            return new Result(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Polls {@code condition} until it holds or the deadline passes; returns whether it held. */
    public static boolean await(Duration deadline, BooleanSupplier condition) {
        Instant end = Instant.now().plus(deadline);
        while (Instant.now().isBefore(end)) {
            if (condition.getAsBoolean()) return true;
            try {
                Thread.sleep(20); // polling interval, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
