package parkwait.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import parkwait.testing.FaultProxy;
import parkwait.testing.FaultProxy.Fault;
import parkwait.testing.S3MockServer;
import software.amazon.awssdk.core.sync.RequestBody;

/** Downloads that break off mid-body, through a fault-injecting proxy in front of S3Mock. */
class ResumingObjectStreamTest {
    static final String KEY = "export/wait_times/wdw/big.csv";

    S3MockServer mock;
    FaultProxy proxy;
    String bucket;
    byte[] bytes;

    @BeforeEach
    void setUp() throws IOException {
        mock = S3MockServer.shared();
        proxy = FaultProxy.start(mock.endpoint(), Duration.ofSeconds(20));
        bucket = mock.newBucket("resume");
        bytes = new byte[300_000];
        new Random(7).nextBytes(bytes);
        mock.client().putObject(b -> b.bucket(bucket).key(KEY), RequestBody.fromBytes(bytes));
    }

    @AfterEach
    void tearDown() {
        proxy.close();
    }

    private S3Source source(int attempts) {
        var settings = S3Settings.defaults().withBucket(bucket, "").withRegion("us-east-1").withEndpointUrl(proxy.endpoint())
                .withMaxAttempts(attempts).withTimeouts(new S3Settings.Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(1),
                        Duration.ofSeconds(30)));
        return new S3Source(settings, s -> S3ClientFactory.create(s, mock.credentials()), 1000);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RESET_MID_BODY", "SHORT_BODY", "STALL_MID_BODY"})
    void aBodyThatBreaksOffIsResumedAndGivesEveryByteExactlyOnce(Fault fault) throws IOException {
        proxy.inject("GET", "/" + KEY, fault, 3);
        try (var source = source(4)) {
            SourceObject object = source.list(List.of("wdw")).get(0);
            try (InputStream in = source.open(object)) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
        }
        assertEquals(4, proxy.requests("GET", "/" + KEY));
        assertEquals(3, proxy.faultsFired());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"RESET_MID_BODY", "SHORT_BODY"})
    void aBodyThatBreaksOnEveryAttemptIsAnIoErrorNamingTheObject(Fault fault) throws IOException {
        proxy.inject("GET", "/" + KEY, fault, 100);
        try (var source = source(3)) {
            SourceObject object = source.list(List.of("wdw")).get(0);
            try (InputStream in = source.open(object)) {
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                assertTrue(e.getMessage().startsWith("Could not read s3://" + bucket + "/" + KEY + " (endpoint "
                        + proxy.endpoint() + "): the download broke off 3 times, the last time after "), e.getMessage());
            }
        }
        assertEquals(3, proxy.requests("GET", "/" + KEY), "bounded by the attempts");
    }

    @Test
    void anObjectReplacedWhileBeingReadIsAnIoErrorNotAMixOfTwoVersions() throws IOException {
        proxy.inject("GET", "/" + KEY, Fault.RESET_MID_BODY, 1);
        try (var source = source(3)) {
            SourceObject object = source.list(List.of("wdw")).get(0);
            try (InputStream in = source.open(object)) {
                assertEquals(bytes[0] & 0xff, in.read());
                byte[] other = new byte[bytes.length];
                new Random(8).nextBytes(other);
                mock.client().putObject(b -> b.bucket(bucket).key(KEY), RequestBody.fromBytes(other));
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                assertEquals("Could not read s3://" + bucket + "/" + KEY + ": it changed while it was being read",
                        e.getMessage());
            }
        }
    }
}
