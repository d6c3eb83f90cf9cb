package parkwait.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import parkwait.testing.JavaProcesses;

/**
 * A top-level script run the way an installed JBang runs it at run time: {@code java -classpath
 * <jar> ingest args...} in some working folder, with no PARKWAIT_HOME and no PARKWAIT_LAUNCHER
 * unless the test sets them. stdout and stderr are kept apart.
 */
public record ScriptRun(int exit, String out, String err) {

    public String all() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }

    /**
     * @param env values to set; a null value removes the variable
     */
    public static ScriptRun run(Path workingDir, Map<String, String> env, List<String> jvmOptions, String main, String... args)
            throws Exception {
        Path out = Files.createTempFile("script", ".out");
        Path err = Files.createTempFile("script", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(JavaProcesses.command(jvmOptions, main, args)).directory(workingDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().remove("PARKWAIT_HOME");
            pb.environment().remove("PARKWAIT_LAUNCHER");
            env.forEach((k, v) -> {
                if (v == null) pb.environment().remove(k);
                else pb.environment().put(k, v);
            });
            Process p = pb.start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(main + " " + String.join(" ", args) + " hung");
            }
            return new ScriptRun(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    public static ScriptRun run(Path workingDir, Map<String, String> env, String main, String... args) throws Exception {
        return run(workingDir, env, List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"), main, args);
    }
}
