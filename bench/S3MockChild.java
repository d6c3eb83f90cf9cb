import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock as a child process on 127.0.0.1, started the way the tests start it
 * (tests/parkwait/testing/S3MockServer.java, copied in small: that class lives with the test-only
 * dependencies). Readiness is polled over HTTP with a deadline, never waited for by a sleep.
 */
final class S3MockChild implements AutoCloseable {
    static final String BUCKET = "touringplans_stats";
    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(6);
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);

    private final Process process;
    private final int port;
    private final Path log;

    private S3MockChild(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Builds tests/s3mock/s3mock.java once, then starts it with its store under {@code workDir}. */
    static S3MockChild start(Path home, Path workDir, PrintWriter err) throws IOException, InterruptedException {
        Path storeRoot = Files.createDirectories(workDir.resolve("s3mock-store"));
        Path log = workDir.resolve("s3mock.log");
        String jbang = home.resolve("jbang").toString();
        String script = home.resolve("tests/s3mock/s3mock.java").toString();
        err.println("Building S3Mock (the first time resolves its dependencies)...");
        Process build = spawn(List.of(jbang, "build", script), home, log);
        if (!build.waitFor(BUILD_DEADLINE.toMillis(), TimeUnit.MILLISECONDS) || build.exitValue() != 0) {
            stopTree(build);
            throw new IOException("JBang could not build tests/s3mock/s3mock.java; see " + log + ".");
        }
        int[] ports = freePorts();
        Process p = spawn(List.of(jbang, script,
                "--com.adobe.testing.s3mock.httpPort=" + ports[0],
                "--server.port=" + ports[1],
                "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                "--com.adobe.testing.s3mock.max-payload-size=512MB",
                "--parkwait.watch-pid=" + ProcessHandle.current().pid()), home, log);
        S3MockChild server = new S3MockChild(p, ports[0], log);
        server.awaitReady();
        err.println("S3Mock answers on " + server.endpoint() + " (pid " + p.pid() + ").");
        return server;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Uploads every file under {@code dir} to the data bucket, keyed by its relative path; returns the count. */
    int upload(Path dir) throws IOException {
        try (S3Client s3 = S3Client.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench-secret")))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()).build();
             Stream<Path> files = Files.walk(dir)) {
            int n = 0;
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String key = dir.relativize(f).toString().replace('\\', '/');
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromFile(f));
                n++;
            }
            return n;
        }
    }

    @Override
    public void close() {
        stopTree(process);
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IOException("S3Mock exited with code " + process.exitValue() + "; see " + log + ".");
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // Not listening yet.
            }
            process.waitFor(200, TimeUnit.MILLISECONDS); // returns at once if the server dies
        }
        stopTree(process);
        throw new IOException("S3Mock did not answer on " + endpoint() + " within " + START_DEADLINE.toSeconds() + " s; see " + log + ".");
    }

    private static Process spawn(List<String> command, Path home, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("PARKWAIT_HOME", home.toString());
        return pb.start();
    }

    /** Ends this child and its descendants (JBang execs the JVM, but be sure), by their own ids. */
    private static void stopTree(Process process) {
        List<ProcessHandle> tree = new java.util.ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : tree) {
            try {
                h.onExit().get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    private static int[] freePorts() throws IOException {
        // Hold both sockets open together so that the ports differ; S3Mock binds them moments later.
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }
}
