package parkwait.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Adobe S3Mock (tests/s3mock/s3mock.java) as a child process on 127.0.0.1, for tests that need
 * a real S3 API (DESIGN 6).
 *
 * <p>Start-up costs about 7 s, so tests share one server per JVM through {@link #shared()}: it
 * starts on first use and stops in a shutdown hook. The first start ever also lets JBang resolve
 * S3Mock's dependencies, which can take a minute or more; that happens in a separate build step
 * with its own deadline. Readiness is polled over HTTP, never waited for by a fixed sleep. The
 * server's output goes to {@link #logFile()}, whose tail is in the exception if start-up fails.
 *
 * <p>Tests that need an empty bucket make one with {@link #newBucket(String)} instead of
 * clearing a shared one, so they cannot disturb each other.
 */
public final class S3MockServer implements AutoCloseable {
    /** The data bucket of DESIGN 4.1, created at start-up. */
    public static final String DATA_BUCKET = "touringplans_stats";
    /** A bucket for the S3 lock backend, created at start-up. */
    public static final String LOCK_BUCKET = "locks";

    private static final Duration BUILD_DEADLINE = Duration.ofMinutes(6);
    private static final Duration START_DEADLINE = Duration.ofSeconds(90);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(15);
    private static final Object SHARED_LOCK = new Object();
    private static S3MockServer shared; // guarded by SHARED_LOCK; one per test JVM by design

    private final Path workDir;
    private final Path logFile;
    private final int httpPort;
    private final Process process;
    private final AtomicInteger bucketCounter = new AtomicInteger();
    private S3Client client; // guarded by this

    private S3MockServer(Path workDir, Path logFile, int httpPort, Process process) {
        this.workDir = workDir;
        this.logFile = logFile;
        this.httpPort = httpPort;
        this.process = process;
    }

    /** The server shared by every test in this JVM, started on first call. */
    public static S3MockServer shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.process.isAlive()) {
                S3MockServer server = start();
                Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "s3mock-stop"));
                shared = server;
            }
            return shared;
        }
    }

    /** Starts a server of one's own (e.g. to test what happens when it dies); the caller stops it. */
    public static S3MockServer start() {
        try {
            Path home = projectHome();
            Path workDir = Files.createTempDirectory("parkwait-s3mock-");
            Path storeRoot = Files.createDirectories(workDir.resolve("store"));
            Path logFile = workDir.resolve("s3mock.log");
            List<String> launcher = launcher(home);
            String script = home.resolve("tests/s3mock/s3mock.java").toString();

            // Resolve and compile once, with a generous deadline, so the start deadline measures start-up.
            List<String> build = new ArrayList<>(launcher);
            build.addAll(List.of("build", script));
            Process builder = spawn(build, home, logFile);
            if (!waitFor(builder, BUILD_DEADLINE) || builder.exitValue() != 0) {
                stopTree(builder);
                throw failure("JBang could not build tests/s3mock/s3mock.java", logFile);
            }

            int[] ports = freePorts(2);
            List<String> run = new ArrayList<>(launcher);
            run.addAll(List.of(script,
                    "--com.adobe.testing.s3mock.httpPort=" + ports[0],
                    "--server.port=" + ports[1],
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + DATA_BUCKET + "," + LOCK_BUCKET,
                    "--com.adobe.testing.s3mock.store.root=" + storeRoot,
                    "--com.adobe.testing.s3mock.max-payload-size=512MB",
                    "--parkwait.watch-pid=" + ProcessHandle.current().pid()));
            Process process = spawn(run, home, logFile);
            S3MockServer server = new S3MockServer(workDir, logFile, ports[0], process);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start S3Mock: " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:port}, the endpoint to give the SDK (path-style). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Fixed dummy credentials: S3Mock accepts any. */
    public AwsCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("parkwait-test", "parkwait-test-secret"));
    }

    /** A client for setting up and checking test data: region us-east-1, path style, dummy credentials. */
    public synchronized S3Client client() {
        if (client == null) {
            client = S3Client.builder()
                    .endpointOverride(endpoint())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(credentials())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                    .httpClientBuilder(Apache5HttpClient.builder())
                    .build();
        }
        return client;
    }

    /** Creates an empty bucket with a name no other test uses, e.g. {@code t3-listing}. */
    public String newBucket(String hint) {
        String clean = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        String name = ("t" + bucketCounter.incrementAndGet() + "-" + clean);
        name = name.length() > 63 ? name.substring(0, 63) : name;
        String bucket = name.endsWith("-") ? name + "x" : name;
        client().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    /**
     * Uploads every regular file under {@code dir} to {@code bucket}, the key being its path
     * relative to {@code dir} with '/' separators. Returns the keys, sorted.
     */
    public List<String> uploadTree(Path dir, String bucket) {
        return uploadTree(dir, bucket, "");
    }

    /** As {@link #uploadTree(Path, String)}, with every key starting with {@code prefix} (e.g. "mirror/"). */
    public List<String> uploadTree(Path dir, String bucket, String prefix) {
        List<String> keys = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                StringBuilder key = new StringBuilder(prefix);
                String sep = "";
                for (Path part : dir.relativize(file)) {
                    key.append(sep).append(part);
                    sep = "/";
                }
                client().putObject(b -> b.bucket(bucket).key(key.toString()), RequestBody.fromFile(file));
                keys.add(key.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keys.sort(null);
        return keys;
    }

    /** Where the server's output goes. */
    public Path logFile() {
        return logFile;
    }

    /** Stops the server and its whole process tree, and removes its files. Safe to call twice. */
    public void stop() {
        synchronized (this) {
            if (client != null) {
                client.close();
                client = null;
            }
        }
        stopTree(process);
        deleteQuietly(workDir);
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(START_DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw failure("S3Mock exited with code " + process.exitValue() + " during start-up", logFile);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopTree(process);
                throw new IllegalStateException("Interrupted while waiting for S3Mock to start", e);
            }
            waitFor(process, Duration.ofMillis(200)); // returns at once if the server dies
        }
        stopTree(process);
        throw failure("S3Mock did not answer on " + endpoint() + " within " + START_DEADLINE.toSeconds() + " s", logFile);
    }

    private static Process spawn(List<String> command, Path home, Path logFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("PARKWAIT_HOME", home.toString());
        return pb.start();
    }

    /** True if the process ended within the time. */
    private static boolean waitFor(Process process, Duration time) {
        try {
            return process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void stopTree(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(STOP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                handle.destroyForcibly();
            }
        }
    }

    private static int[] freePorts(int count) throws IOException {
        // Hold all sockets open together so that the ports differ; S3Mock binds them moments later.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) socket.close();
        }
    }

    /** $PARKWAIT_HOME (set by ./jbang), else the nearest folder above the current one holding the launcher. */
    static Path projectHome() {
        String env = System.getenv("PARKWAIT_HOME");
        if (env != null && !env.isBlank() && Files.isRegularFile(Path.of(env, launcherName()))) {
            return Path.of(env).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(launcherName()))
                    && Files.isRegularFile(dir.resolve("tests/s3mock/s3mock.java"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the project folder: PARKWAIT_HOME is not set and no folder above "
                + Path.of("").toAbsolutePath() + " holds " + launcherName() + ". Run the tests with ./jbang tests/run.java.");
    }

    private static List<String> launcher(Path home) {
        String path = home.resolve(launcherName()).toString();
        return isWindows() ? List.of("cmd.exe", "/c", path) : List.of(path);
    }

    private static String launcherName() {
        return isWindows() ? "jbang.cmd" : "jbang";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    private static IllegalStateException failure(String what, Path logFile) {
        return new IllegalStateException(what + ". Last lines of " + logFile + ":\n" + tail(logFile, 40));
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A temp folder left behind is harmless.
        }
    }
}
