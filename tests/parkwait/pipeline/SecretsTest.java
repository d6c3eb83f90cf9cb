package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.cli.Cli;
import parkwait.cli.Secrets;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.lock.FileRunLock;
import parkwait.lock.LockSettings;
import parkwait.lock.ProcessFacts;
import parkwait.source.S3Settings;
import parkwait.source.SourceException;
import parkwait.testing.FaultProxy;
import parkwait.testing.FaultProxy.Fault;
import parkwait.testing.JavaProcesses;
import parkwait.testing.S3MockServer;

/**
 * A planted AWS key id, secret key, session token and a signed-URL-like endpoint never appear in
 * anything a run leaves behind or says (DESIGN 5), whether it succeeds, fails one file or stops,
 * in process and as a real {@code ingest} process with --verbose.
 */
class SecretsTest {
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final String TOKEN = "FwoGZXIvYXdzEPlantedSessionToken0123456789";
    static final String URL_PASSWORD = "s3cr3tPlantedPassword";
    static final String URL_SIGNATURE = "deadbeefPlantedSignature0123";
    static final String URL_TOKEN = "PlantedUrlSecurityToken0123";
    static final String USER_INFO_TOKEN = "PlantedUserInfoToken0123";
    /** Every planted string, and the URL-encoded forms of those with special characters. */
    static final List<String> PLANTED = List.of(KEY_ID, SECRET, SECRET.replace("/", "%2F"), TOKEN, URL_PASSWORD,
            URL_SIGNATURE, URL_TOKEN, USER_INFO_TOKEN);

    @TempDir static Path shared;
    static Path tree;
    static String bucket;
    static String failingKey;

    @TempDir Path dir;
    FaultProxy proxy;
    final Map<String, String> savedProperties = new HashMap<>();

    @BeforeAll
    static void generateAndUpload() throws Exception {
        tree = shared.resolve("bucket");
        var written = Generator.writeBucket(tree, Spec.of(5, 6, 2_000)).files();
        failingKey = written.stream().filter(w -> !w.nasty()).findFirst().orElseThrow().key();
        bucket = S3MockServer.shared().newBucket("secrets");
        S3MockServer.shared().uploadTree(tree, bucket);
    }

    @BeforeEach
    void plantCredentials() throws IOException {
        proxy = FaultProxy.start(S3MockServer.shared().endpoint(), Duration.ofSeconds(20));
        setProperty("aws.accessKeyId", KEY_ID);
        setProperty("aws.secretAccessKey", SECRET);
        setProperty("aws.sessionToken", TOKEN);
    }

    @AfterEach
    void restore() {
        proxy.close();
        savedProperties.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
    }

    /**
     * An endpoint with presigned-URL parameters and user-info: a key id and password, or (in
     * process) a lone token as some stores' URLs carry.
     */
    private String endpointWithSecrets(boolean inProcess) {
        return "http://" + (inProcess ? USER_INFO_TOKEN : KEY_ID + ":" + URL_PASSWORD) + "@127.0.0.1:" + proxy.endpoint().getPort()
                + "/?X-Amz-Credential=" + KEY_ID + "%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature="
                + URL_SIGNATURE + "&X-Amz-Security-Token=" + URL_TOKEN;
    }

    private String[] args(Path out, boolean inProcess) {
        return new String[] {"--source", "s3://" + bucket, "--endpoint-url", endpointWithSecrets(inProcess),
                "--region", "us-east-1", "--output-base", out.toString(), "--verbose"};
    }

    @Test
    void aRunThatSucceedsAndOneThatFailsAFileLeaveNoSecretAnywhere() throws Exception {
        Path out = dir.resolve("out");
        StringWriter console = new StringWriter();
        RunSummary ok = ingest(out, console);
        assertEquals(0, ok.exitCode(), console.toString());
        assertTrue(ok.filesLoaded() > 0);

        proxy.inject("GET", "/" + failingKey, Fault.RESET_MID_BODY, 100);
        Path out2 = dir.resolve("out2");
        RunSummary partial = ingest(out2, console);
        assertEquals(3, partial.exitCode(), console.toString());

        assertNoSecret("console", console.toString() + ok.text() + partial.text() + partial.toMap());
        assertNoSecretInTree(out);
        assertNoSecretInTree(out2);
        assertNoSecretSentInRequestTargets();
    }

    @Test
    void aRunThatStopsLeavesNoSecretInItsMessageCausesOrFiles() throws Exception {
        proxy.inject("GET", "list-type=2", Fault.ACCESS_DENIED_403, 100);
        Path out = dir.resolve("out");
        StringWriter console = new StringWriter();
        SourceException e = assertThrows(SourceException.class, () -> ingest(out, console));
        StringWriter said = new StringWriter();
        assertEquals(1, Cli.report(new PrintWriter(said, true), e, true));
        assertTrue(said.toString().contains("Access denied to s3://" + bucket), said.toString());

        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) chain.append(t).append('\n');
        assertNoSecret("exception chain", chain.toString());
        assertNoSecret("console", console.toString() + said);
        assertNoSecretInTree(out);
    }

    @Test
    void aRealIngestProcessWithVerboseLeavesNoSecretInItsOutputOrFiles() throws Exception {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET,
                "AWS_SESSION_TOKEN", TOKEN, "AWS_REGION", "us-east-1");
        Path out = dir.resolve("out");
        var ok = runIngest(env, args(out, false));
        assertEquals(0, ok.exitCode(), ok.output());

        proxy.inject("GET", "list-type=2", Fault.ACCESS_DENIED_403, 100);
        Path out2 = dir.resolve("out2");
        var denied = runIngest(env, args(out2, false));
        assertEquals(1, denied.exitCode(), denied.output());
        assertTrue(denied.output().contains("Access denied to s3://" + bucket), denied.output());

        assertNoSecret("console of the run that succeeded", ok.output());
        assertNoSecret("console of the run that was denied", denied.output());
        assertNoSecretInTree(out);
        assertNoSecretInTree(out2);
        assertNoSecretSentInRequestTargets();
    }

    // ---- helpers ----

    /** One in-process run as ingest.java makes it: redacted command line, a log file under logs/, --verbose. */
    private RunSummary ingest(Path out, StringWriter console) throws IOException {
        S3Settings s3 = S3Settings.defaults().withEndpointUrl(S3Settings.parseEndpoint(endpointWithSecrets(true)))
                .withRegion("us-east-1").withMaxAttempts(2);
        IngestOptions o = Pipelines.options("s3://" + bucket, s3, out, false);
        o = new IngestOptions(o.source(), o.s3(), o.properties(), o.outputBase(), o.stateDir(), o.fullRebuild(), o.sampleK(),
                o.maxFailures(), o.skipFailedAfter(), o.zones(), o.journalMode(), o.lockWait(),
                Secrets.commandLine("ingest.java", args(out, true)));
        FileRunLock lock = new FileRunLock(o.stateDir(), LockSettings.defaults(), ProcessFacts.system(), Clock.systemUTC());
        try (RunLog log = RunLog.open(new PrintWriter(console, true), out.resolve("logs"), Clock.systemUTC(), true, false)) {
            return new Ingest(o, lock, Clock.systemUTC(), log).run();
        }
    }

    private JavaProcesses.Result runIngest(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "ingest", ".log");
        Process p = JavaProcesses.startMain(Class.forName("ingest"), log, env, args);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("ingest did not finish in 2 minutes:\n" + Files.readString(log));
        }
        return new JavaProcesses.Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /** The endpoint's user-info and query are not sent on to the store with every request (its access logs). */
    private void assertNoSecretSentInRequestTargets() {
        assertFalse(proxy.seen().isEmpty());
        for (FaultProxy.Seen seen : proxy.seen()) assertNoSecret("the request target sent to the store", seen.target());
    }

    private static void assertNoSecretInTree(Path out) throws IOException {
        assertTrue(Files.isRegularFile(out.resolve("state/lock-events.jsonl")), "the audit trail is there to check");
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                // ISO-8859-1 maps every byte to one char, so binary files (the database) are searched too.
                assertNoSecret(out.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
    }

    private static void assertNoSecret(String where, String text) {
        for (String secret : PLANTED) {
            int at = text.indexOf(secret);
            assertFalse(at >= 0, () -> "the planted secret " + secret + " is in " + where + ": ..."
                    + text.substring(Math.max(0, at - 200), Math.min(text.length(), at + 100)) + "...");
        }
    }

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }
}
