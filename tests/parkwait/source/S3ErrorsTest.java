package parkwait.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * How S3's refusals reach the user. S3Mock checks no permissions, so a tiny HTTP server plays
 * S3 answering with the real error documents; the SDK parses them as it would AWS's.
 */
class S3ErrorsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @AfterEach
    void stopServer() {
        if (server != null) server.stop(0);
    }

    /** Starts a server that answers every request with this status and S3 error code. */
    private S3Source sourceAnswering(int status, String code, int maxAttempts) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                    + "</Code><Message>details with AKIAIOSFODNN7EXAMPLE</Message><RequestId>r1</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        var settings = S3Settings.defaults().withRegion("eu-west-1").withMaxAttempts(maxAttempts)
                .withEndpointUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", SECRET));
        return new S3Source(settings, s -> S3ClientFactory.create(s, credentials), 1000);
    }

    private String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private SourceException listFails(S3Source source) {
        return assertThrows(SourceException.class, () -> source.list(List.of("wdw")));
    }

    @Test
    void accessDeniedNamesTheBucketAndThePermissionsToCheck() throws IOException {
        try (var source = sourceAnswering(403, "AccessDenied", 3)) {
            var e = listFails(source);
            assertEquals(SourceException.Kind.ACCESS_DENIED, e.kind());
            assertEquals("Access denied to s3://touringplans_stats/ (endpoint " + endpoint()
                    + "): check the AWS profile or keys in use have s3:ListBucket and s3:GetObject.", e.getMessage());
            assertEquals(1, requests.get(), "a refusal is not retried");
        }
    }

    @Test
    void rejectedKeysSayWhichErrorAndNeverShowTheKey() throws IOException {
        try (var source = sourceAnswering(403, "InvalidAccessKeyId", 3)) {
            var e = listFails(source);
            assertEquals(SourceException.Kind.BAD_CREDENTIALS, e.kind());
            assertEquals("The AWS credentials in use were rejected by s3://touringplans_stats/ (endpoint " + endpoint()
                    + ") with InvalidAccessKeyId: check AWS_PROFILE or the keys in the environment,"
                    + " and sign in again (aws sso login) if they come from SSO.", e.getMessage());
            assertFalse(e.getMessage().contains("AKIA"), e.getMessage());
        }
    }

    @Test
    void aBucketInAnotherRegionSaysWhichRegionWasTried() throws IOException {
        try (var source = sourceAnswering(301, "PermanentRedirect", 3)) {
            var e = listFails(source);
            assertEquals(SourceException.Kind.WRONG_REGION, e.kind());
            assertEquals("The bucket s3://touringplans_stats is not in region eu-west-1:"
                    + " set AWS_REGION or --region to the bucket's region.", e.getMessage());
        }
    }

    @Test
    void aServerErrorIsRetriedThenAnIoErrorThatIsNotFatal() throws IOException {
        try (var source = sourceAnswering(503, "SlowDown", 3)) {
            var e = assertThrows(IOException.class, () -> source.list(List.of("wdw")));
            assertTrue(e.getMessage().startsWith("Could not list s3://touringplans_stats/export/wait_times/wdw/"
                    + " (endpoint " + endpoint() + "): "), e.getMessage());
            assertEquals(3, requests.get(), "bounded attempts");
        }
    }

    @Test
    void noMessageEverContainsTheSecretKey() throws IOException {
        for (String code : List.of("AccessDenied", "SignatureDoesNotMatch", "NoSuchBucket", "InternalError")) {
            requests.set(0);
            int status = code.equals("NoSuchBucket") ? 404 : code.equals("InternalError") ? 500 : 403;
            try (var source = sourceAnswering(status, code, 1)) {
                var e = assertThrows(Exception.class, () -> source.list(List.of("wdw")));
                for (Throwable t = e; t != null; t = t.getCause()) {
                    assertFalse(String.valueOf(t.getMessage()).contains(SECRET), code + ": " + t);
                }
            } finally {
                server.stop(0);
            }
        }
    }
}
