import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs one child process and times it: wall time from start to exit, exit code, stdout, and peak
 * resident memory. Peak memory comes from GNU time ({@code /usr/bin/time -v}, "Maximum resident
 * set size": the largest single process in the child's tree, i.e. JBang's JVM or the script's JVM,
 * whichever is bigger) or, without it, from polling VmHWM in /proc every 20 ms.
 */
final class Child {
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final Pattern MAX_RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");

    /** One finished child. {@code peakRssKiB} is -1 when it could not be measured. */
    record Result(double seconds, int exitCode, long peakRssKiB, String stdout, Path stderr) {
        double peakRssMB() {
            return peakRssKiB < 0 ? Double.NaN : peakRssKiB / 1024.0;
        }
    }

    private final Path home;
    private final Map<String, String> env;
    private final Path logs;
    private int counter;

    /** Children start in {@code home} with {@code env} added; their stdout and stderr go to files under {@code logs}. */
    Child(Path home, Map<String, String> env, Path logs) throws IOException {
        this.home = home;
        this.env = env;
        this.logs = Files.createDirectories(logs);
    }

    /** Runs {@code command} to its end (with {@code extraEnv} on top of the common environment). */
    Result run(String label, List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        int n = ++counter;
        Path out = logs.resolve(String.format("%02d-%s.out", n, label));
        Path err = logs.resolve(String.format("%02d-%s.err", n, label));
        Path timeFile = logs.resolve(String.format("%02d-%s.time", n, label));
        boolean gnuTime = Files.isExecutable(GNU_TIME);
        List<String> full = new ArrayList<>();
        if (gnuTime) full.addAll(List.of(GNU_TIME.toString(), "-v", "-o", timeFile.toString()));
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        pb.environment().putAll(extraEnv);
        long t0 = System.nanoTime();
        Process p = pb.start();
        long polledKiB = -1;
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            if (!gnuTime) polledKiB = Math.max(polledKiB, vmHwmKiB(p.toHandle()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = gnuTime ? maxRss(timeFile) : polledKiB;
        return new Result(seconds, p.exitValue(), peak, Files.readString(out, StandardCharsets.UTF_8), err);
    }

    /** The largest VmHWM of the process and its descendants right now, in KiB (-1 if unreadable). */
    private static long vmHwmKiB(ProcessHandle root) {
        long max = -1;
        for (ProcessHandle h : Stream.concat(Stream.of(root), root.descendants()).toList()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(h.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) max = Math.max(max, Long.parseLong(line.replaceAll("\\D", "")));
                }
            } catch (IOException | RuntimeException gone) {
                // The process ended between listing and reading.
            }
        }
        return max;
    }

    private static long maxRss(Path timeFile) throws IOException {
        Matcher m = MAX_RSS.matcher(Files.exists(timeFile) ? Files.readString(timeFile) : "");
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
