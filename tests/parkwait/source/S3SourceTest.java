package parkwait.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.S3MockServer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.profiles.ProfileFile;

/** S3Source against a real S3 API (S3Mock), each test in a bucket of its own. */
class S3SourceTest {
    static S3MockServer mock;

    @TempDir Path tmp;

    @BeforeAll
    static void startMock() {
        mock = S3MockServer.shared();
    }

    private S3Settings settings(String bucket, String prefix) {
        return S3Settings.defaults().withBucket(bucket, prefix).withRegion("us-east-1")
                .withEndpointUrl(mock.endpoint()).withMaxAttempts(2);
    }

    /** The production client configuration, with the mock's dummy credentials instead of the default chain. */
    private S3Source source(S3Settings settings, int pageSize) {
        return new S3Source(settings, s -> S3ClientFactory.create(s, mock.credentials()), pageSize);
    }

    @Test
    void followsPaginationAndListsOnlyCsvFilesOfTheRequestedProperties() throws IOException {
        String bucket = mock.newBucket("listing");
        mock.uploadTree(SampleTree.write(tmp), bucket);
        // The mock honours a small page size, so a complete list below proves the pages were followed.
        var firstPage = mock.client().listObjectsV2(b -> b.bucket(bucket).prefix("export/wait_times/wdw/").maxKeys(2));
        assertEquals(2, firstPage.keyCount());
        assertTrue(firstPage.isTruncated());

        try (var source = source(settings(bucket, ""), 2)) {
            assertEquals(SampleTree.EXPECTED_KEYS, SampleTree.keys(source.list(SampleTree.PROPERTIES)));
        }
    }

    @Test
    void reportsTheUnquotedEtagSizeAndModificationTimeS3Gives() throws Exception {
        String bucket = mock.newBucket("etag");
        String key = "export/wait_times/wdw/a.csv";
        byte[] bytes = SampleTree.content(key).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        mock.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        // The listing's time, not HEAD's: the Last-Modified header has whole seconds only.
        Instant modified = mock.client().listObjectsV2(b -> b.bucket(bucket)).contents().get(0).lastModified();

        try (var source = source(settings(bucket, ""), 1000)) {
            SourceObject listed = source.list(List.of("wdw")).get(0);
            String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
            assertEquals(new SourceObject(key, md5, bytes.length, modified), listed);
        }
    }

    @Test
    void listsTheSameKeysAsAFolderWithTheSameTree() throws IOException {
        Path tree = SampleTree.write(tmp.resolve("mirror"));
        String bucket = mock.newBucket("same-as-dir");
        mock.uploadTree(tree, bucket, "snapshots/2024/");
        try (var s3 = source(settings(bucket, "/snapshots/2024"), 3); var dir = new DirSource(tree)) {
            List<SourceObject> fromS3 = s3.list(SampleTree.PROPERTIES);
            List<SourceObject> fromDir = dir.list(SampleTree.PROPERTIES);
            assertEquals(SampleTree.keys(fromDir), SampleTree.keys(fromS3));
            assertEquals(fromDir.stream().map(SourceObject::size).toList(), fromS3.stream().map(SourceObject::size).toList());
            for (int i = 0; i < fromS3.size(); i++) {
                try (InputStream a = s3.open(fromS3.get(i)); InputStream b = dir.open(fromDir.get(i))) {
                    assertArrayEquals(b.readAllBytes(), a.readAllBytes(), fromS3.get(i).key());
                }
            }
        }
    }

    @Test
    void streamsExactlyTheBytesUploaded() throws IOException {
        String bucket = mock.newBucket("stream");
        byte[] bytes = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(bytes);
        String key = "export/fastpass_times/wdw/big.csv";
        mock.client().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        try (var source = source(settings(bucket, ""), 1000)) {
            SourceObject object = source.list(List.of("wdw")).get(0);
            try (InputStream in = source.open(object)) {
                assertArrayEquals(bytes, in.readAllBytes());
            }
            try (InputStream in = source.open(object)) {
                assertEquals(bytes[0] & 0xff, in.read()); // closing early aborts instead of draining
            }
            try (InputStream in = source.open(object)) {
                assertArrayEquals(bytes, in.readAllBytes(), "the client is still usable after an abort");
            }
        }
    }

    @Test
    void aKeyDeletedSinceTheListingIsAnIoErrorAboutThatKey() throws IOException {
        String bucket = mock.newBucket("gone");
        try (var source = source(settings(bucket, ""), 1000)) {
            var gone = new SourceObject("export/wait_times/wdw/gone.csv", "x", 1, Instant.EPOCH);
            var e = assertThrows(NoSuchFileException.class, () -> source.open(gone));
            assertTrue(e.getMessage().contains("s3://" + bucket + "/export/wait_times/wdw/gone.csv"), e.getMessage());
        }
    }

    @Test
    void aMissingBucketIsOneSentenceNamingIt() {
        try (var source = source(settings("no-such-bucket", "x"), 1000)) {
            var e = assertThrows(SourceException.class, () -> source.list(List.of("wdw")));
            assertEquals(SourceException.Kind.NOT_FOUND, e.kind());
            assertEquals("The bucket s3://no-such-bucket does not exist (endpoint " + mock.endpoint()
                    + "): check the bucket name in --source or s3_bucket, and the endpoint.", e.getMessage());
        }
    }

    @Test
    void anEndpointThatRefusesConnectionsIsOneSentenceNamingIt() throws IOException {
        int port;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        var settings = settings("touringplans_stats", "").withEndpointUrl(URI.create("http://127.0.0.1:" + port)).withMaxAttempts(1);
        try (var source = source(settings, 1000)) {
            var e = assertThrows(SourceException.class, () -> source.list(List.of("wdw")));
            assertEquals(SourceException.Kind.UNREACHABLE, e.kind());
            assertEquals("Cannot reach s3://touringplans_stats/ (endpoint http://127.0.0.1:" + port + "): the connection"
                    + " was refused; check that the S3 service is running and the endpoint is right.", e.getMessage());
        }
    }

    @Test
    void anUnknownHostIsOneSentenceNamingIt() {
        var settings = settings("touringplans_stats", "").withEndpointUrl(URI.create("http://no-such-host.invalid:9000"))
                .withMaxAttempts(1);
        try (var source = source(settings, 1000)) {
            var e = assertThrows(SourceException.class, () -> source.list(List.of("wdw")));
            assertEquals(SourceException.Kind.UNREACHABLE, e.kind());
            assertTrue(e.getMessage().startsWith(
                    "Cannot reach s3://touringplans_stats/ (endpoint http://no-such-host.invalid:9000): the host "),
                    e.getMessage());
        }
    }

    @Test
    void missingCredentialsAreOneSentenceSayingWhatToSet() throws IOException {
        // A real provider chain that finds nothing: a profile that exists in no file.
        Path emptyConfig = Files.writeString(tmp.resolve("aws-config"), "");
        var nothing = AwsCredentialsProviderChain.of(ProfileCredentialsProvider.builder()
                .profileFile(ProfileFile.builder().content(emptyConfig).type(ProfileFile.Type.CREDENTIALS).build())
                .profileName("nobody").build());
        var settings = settings("touringplans_stats", "");
        try (var source = new S3Source(settings, s -> S3ClientFactory.create(s, nothing), 1000)) {
            var e = assertThrows(SourceException.class, () -> source.list(List.of("wdw")));
            assertEquals(SourceException.Kind.BAD_CREDENTIALS, e.kind());
            assertEquals("No AWS credentials were found for s3://touringplans_stats/ (endpoint " + mock.endpoint()
                    + "): set AWS_PROFILE, run aws sso login, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
                    e.getMessage());
        }
    }

    @Test
    void buildsItsClientOnlyWhenFirstUsed() throws IOException {
        var built = new AtomicInteger();
        var settings = settings(S3MockServer.DATA_BUCKET, "");
        try (var source = new S3Source(settings, s -> {
            built.incrementAndGet();
            return S3ClientFactory.create(s, mock.credentials());
        }, 1000)) {
            assertEquals("s3://touringplans_stats/", source.describe());
            assertEquals(0, built.get());
            source.list(List.of("wdw"));
            source.list(List.of("dlr"));
            assertEquals(1, built.get());
        }
    }

    @Test
    void describeAndSettingsShowNoSecrets() {
        var settings = settings("touringplans_stats", "export-mirror")
                .withEndpointUrl(URI.create("http://user:hunter2@127.0.0.1:9000/?token=hunter2"));
        try (var source = new S3Source(settings)) {
            assertEquals("s3://touringplans_stats/export-mirror/", source.describe());
            assertFalse(settings.toString().contains("hunter2"), settings.toString());
            assertEquals("http://127.0.0.1:9000", settings.describeEndpoint());
        }
    }
}
