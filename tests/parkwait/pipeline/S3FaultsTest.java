package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import parkwait.gen.Generator;
import parkwait.gen.Spec;
import parkwait.gen.Written;
import parkwait.source.S3Settings;
import parkwait.source.SourceException;
import parkwait.testing.FaultProxy;
import parkwait.testing.FaultProxy.Fault;
import parkwait.testing.S3MockServer;

/**
 * The pipeline against a real S3 API (S3Mock) with faults injected between the SDK and the
 * server (DESIGN 4.6): transient faults are retried and the run equals a clean one; exhausted
 * retries fail that file only (exit 3) and the next run completes it; refusals stop the run with
 * one sentence, nothing written and the lock released. Request counts prove retries are bounded.
 */
class S3FaultsTest {
    /** Attempts per request in these tests (the default is 5; fewer keeps the exhausted cases short). */
    static final int ATTEMPTS = 3;
    /** Short, so a stalled read is noticed in a second instead of a minute. */
    static final S3Settings.Timeouts TIMEOUTS =
            new S3Settings.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60));

    @TempDir static Path shared;
    static Path tree;
    static Path clean;
    static String bucket;
    /** A regular standby file big enough that half of it is many reads. */
    static String target;
    static long cleanFilesLoaded;

    @TempDir Path dir;
    FaultProxy proxy;
    final Map<String, String> savedProperties = new HashMap<>();

    @BeforeAll
    static void generateUploadAndRunClean() throws Exception {
        tree = shared.resolve("bucket");
        List<Written> written = Generator.writeBucket(tree, Spec.of(4, 10, 8_000)).files();
        target = written.stream().filter(w -> !w.nasty() && w.key().startsWith("export/wait_times/"))
                .max((a, b) -> Long.compare(a.bytes(), b.bytes())).orElseThrow().key();
        S3MockServer s3 = S3MockServer.shared();
        bucket = s3.newBucket("faults");
        s3.uploadTree(tree, bucket);
        clean = shared.resolve("clean");
        RunSummary ok = Pipelines.ingestDir(tree, clean);
        assertEquals(0, ok.filesFailed());
        cleanFilesLoaded = ok.filesLoaded();
    }

    @BeforeEach
    void startProxyWithCredentials() throws IOException {
        proxy = FaultProxy.start(S3MockServer.shared().endpoint(), Duration.ofSeconds(20));
        setProperty("aws.accessKeyId", "fault-test-key");
        setProperty("aws.secretAccessKey", "fault-test-secret");
    }

    @AfterEach
    void stopProxyAndRestoreProperties() {
        proxy.close();
        savedProperties.forEach((k, v) -> {
            if (v == null) System.clearProperty(k);
            else System.setProperty(k, v);
        });
    }

    // ---- transient faults that the retries absorb ----

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RESET_MID_BODY", "SHORT_BODY", "STALL_MID_BODY", "INTERNAL_ERROR_500", "SLOW_DOWN_503"})
    void aTransientFaultOnADownloadIsRetriedAndTheRunEqualsACleanRun(Fault fault) throws Exception {
        proxy.inject("GET", "/" + target, fault, ATTEMPTS - 1);
        Path out = dir.resolve("out");
        StringWriter console = new StringWriter();
        RunSummary s = run(out, console);

        assertEquals(0, s.exitCode(), console.toString());
        assertEquals(ATTEMPTS - 1, proxy.faultsFired());
        assertEquals(ATTEMPTS, proxy.requests("GET", "/" + target), "one request per attempt, no more");
        assertEqualsClean(out);
    }

    @Test
    void aListingPageThatFailsOnceIsRetriedAndTheRunEqualsACleanRun() throws Exception {
        String laterPage = "prefix=export%2Ffastpass_times%2Fwdw";
        proxy.inject("GET", laterPage, Fault.INTERNAL_ERROR_500, 1);
        Path out = dir.resolve("out");
        RunSummary s = run(out, null);

        assertEquals(0, s.exitCode());
        assertEquals(2, proxy.requests("GET", laterPage));
        assertEqualsClean(out);
    }

    // ---- transient faults that outlast the retries ----

    @Tag("slow")
    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RESET_MID_BODY", "SHORT_BODY", "STALL_MID_BODY", "INTERNAL_ERROR_500", "SLOW_DOWN_503"})
    void aDownloadThatFailsOnEveryAttemptIsRecordedFailedAndTheNextRunCompletesIt(Fault fault) throws Exception {
        proxy.inject("GET", "/" + target, fault, 100);
        Path out = dir.resolve("out");
        StringWriter console = new StringWriter();
        RunSummary s = run(out, console);

        assertEquals(3, s.exitCode(), console.toString());
        assertEquals(1, s.filesFailed());
        assertEquals(cleanFilesLoaded - 1, s.filesLoaded(), "every other file loads");
        assertEquals(ATTEMPTS, proxy.requests("GET", "/" + target), "bounded by the configured attempts");
        String failed = Files.readString(out.resolve("state/failed_files.json"), StandardCharsets.UTF_8);
        String why = switch (fault) {
            case INTERNAL_ERROR_500 -> "InternalError, HTTP 500";
            case SLOW_DOWN_503 -> "SlowDown, HTTP 503";
            default -> "the download broke off " + ATTEMPTS + " times";
        };
        assertTrue(failed.contains(target) && failed.contains("Could not read s3://" + bucket + "/" + target) && failed.contains(why),
                failed);
        assertTrue(console.toString().contains(target + " failed"), console.toString());
        assertEquals(1, count(console.toString(), target + " failed"), "the failure is said once");

        proxy.reset();
        RunSummary again = run(out, null);
        assertEquals(0, again.exitCode());
        assertEquals(1, again.filesLoaded());
        assertEquals(1, proxy.requests("GET", "/" + target));
        assertEqualsClean(out);
        assertEquals("{ }", Files.readString(out.resolve("state/failed_files.json"), StandardCharsets.UTF_8).strip());
    }

    @Test
    void aListingThatFailsOnEveryAttemptStopsTheRunWithNothingWritten() throws Exception {
        proxy.inject("GET", "list-type=2", Fault.SLOW_DOWN_503, 100);
        Path out = dir.resolve("out");
        IOException e = assertThrows(IOException.class, () -> run(out, null));
        assertTrue(e.getMessage().contains("s3://" + bucket) && e.getMessage().contains("SlowDown"), e.getMessage());
        assertEquals(ATTEMPTS, proxy.requests("GET", "list-type=2"), "bounded by the configured attempts");
        assertNothingWrittenAndLockReleased(out);
    }

    // ---- refusals: fail fast, one sentence, nothing written ----

    @Test
    void accessDeniedStopsTheRunWithOneSentenceNamingBucketAndEndpoint() throws Exception {
        proxy.inject("GET", "list-type=2", Fault.ACCESS_DENIED_403, 100);
        Path out = dir.resolve("out");
        SourceException e = assertThrows(SourceException.class, () -> run(out, null));
        assertEquals(SourceException.Kind.ACCESS_DENIED, e.kind());
        assertEquals("Access denied to s3://" + bucket + "/ (endpoint " + proxy.endpoint() + "): check the AWS profile"
                + " or keys in use have s3:ListBucket and s3:GetObject.", e.getMessage());
        assertEquals(1, proxy.requests("GET", "list-type=2"), "a refusal is not retried");
        assertNothingWrittenAndLockReleased(out);
    }

    @Test
    void noSuchBucketStopsTheRunWithOneSentenceNamingBucketAndEndpoint() throws Exception {
        proxy.inject("GET", "list-type=2", Fault.NO_SUCH_BUCKET_404, 100);
        Path out = dir.resolve("out");
        SourceException e = assertThrows(SourceException.class, () -> run(out, null));
        assertEquals(SourceException.Kind.NOT_FOUND, e.kind());
        assertEquals("The bucket s3://" + bucket + " does not exist (endpoint " + proxy.endpoint()
                + "): check the bucket name in --source or s3_bucket, and the endpoint.", e.getMessage());
        assertEquals(1, proxy.requests("GET", "list-type=2"), "a refusal is not retried");
        assertNothingWrittenAndLockReleased(out);
    }

    @Test
    void anUnknownHostStopsTheRunWithOneSentenceNamingTheEndpoint() throws Exception {
        Path out = dir.resolve("out");
        S3Settings s3 = settings().withEndpointUrl(URI.create("http://nonexistent.invalid:9"));
        SourceException e = assertThrows(SourceException.class,
                () -> Pipelines.ingest(Pipelines.options("s3://" + bucket, s3, out, false), null));
        assertEquals(SourceException.Kind.UNREACHABLE, e.kind());
        assertTrue(e.getMessage().startsWith("Cannot reach s3://" + bucket + "/ (endpoint http://nonexistent.invalid:9): the host "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("is unknown; check --endpoint-url or AWS_ENDPOINT_URL, the network and the proxy."),
                e.getMessage());
        assertNothingWrittenAndLockReleased(out);
    }

    @Test
    void missingCredentialsStopTheRunWithOneSentenceSayingWhatToSet() throws Exception {
        clearProperty("aws.accessKeyId");
        clearProperty("aws.secretAccessKey");
        clearProperty("aws.sessionToken");
        setProperty("aws.sharedCredentialsFile", Files.writeString(dir.resolve("credentials"), "").toString());
        setProperty("aws.configFile", Files.writeString(dir.resolve("config"), "").toString());
        setProperty("aws.profile", "nobody");
        Path out = dir.resolve("out");
        SourceException e = assertThrows(SourceException.class, () -> run(out, null));
        assertEquals(SourceException.Kind.BAD_CREDENTIALS, e.kind());
        assertEquals("No AWS credentials were found for s3://" + bucket + "/ (endpoint " + proxy.endpoint()
                + "): set AWS_PROFILE, run aws sso login, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.", e.getMessage());
        assertEquals(0, proxy.seen().size(), "nothing is sent without credentials");
        assertNothingWrittenAndLockReleased(out);
    }

    // ---- helpers ----

    private S3Settings settings() {
        return S3Settings.defaults().withEndpointUrl(proxy.endpoint()).withRegion("us-east-1")
                .withMaxAttempts(ATTEMPTS).withTimeouts(TIMEOUTS);
    }

    private RunSummary run(Path out, StringWriter console) throws IOException {
        return Pipelines.ingest(Pipelines.options("s3://" + bucket, settings(), out, false), console);
    }

    private static void assertEqualsClean(Path out) throws Exception {
        assertEquals(Pipelines.csvTree(clean), Pipelines.csvTree(out));
        assertEquals(Pipelines.dbRows(clean), Pipelines.dbRows(out));
        assertTrue(Pipelines.leftoverTemps(out).isEmpty());
    }

    private static void assertNothingWrittenAndLockReleased(Path out) throws Exception {
        Path facts = out.resolve("fact_tables");
        if (Files.exists(facts)) {
            try (Stream<Path> walk = Files.walk(facts)) {
                assertEquals(List.of(), walk.filter(Files::isRegularFile).toList());
            }
        }
        if (Files.exists(out.resolve("state/wait_times.sqlite"))) assertEquals(List.of(), Pipelines.dbRows(out));
        assertFalse(Files.exists(out.resolve("state/processing.lock")), "the lock is released");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    private void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private void clearProperty(String key) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.clearProperty(key);
    }
}
