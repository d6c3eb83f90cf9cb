package parkwait.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SourcesTest {
    @TempDir Path tmp;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "s3://touringplans_stats,                s3://touringplans_stats/",
            "s3://touringplans_stats/,               s3://touringplans_stats/",
            "s3://touringplans_stats/mirror,         s3://touringplans_stats/mirror/",
            "S3://bucket/a/b/,                       s3://bucket/a/b/",
    })
    void anS3SpecNamesBucketAndPrefix(String spec, String described) {
        try (Source source = Sources.open(spec, null)) {
            assertInstanceOf(S3Source.class, source);
            assertEquals(described, source.describe());
        }
    }

    @Test
    void anS3SpecKeepsTheOtherSettingsOfTheDefaults() {
        var defaults = S3Settings.defaults().withRegion("eu-west-1").withEndpointUrl(URI.create("http://127.0.0.1:9000"));
        try (var source = (S3Source) Sources.open("s3://other/p", defaults)) {
            assertEquals(defaults.withBucket("other", "p"), source.settings());
        }
    }

    @Test
    void aFolderIsADirSource() throws Exception {
        try (Source source = Sources.open(tmp.toString(), S3Settings.defaults())) {
            assertInstanceOf(DirSource.class, source);
            assertEquals(tmp.toRealPath().toString(), source.describe());
        }
    }

    @Test
    void aMissingFolderIsOneClearSentence() {
        Path missing = tmp.resolve("nope");
        var e = assertThrows(SourceException.class, () -> Sources.open(missing.toString(), null));
        assertEquals("The source folder " + missing + " does not exist: check the --source path.", e.getMessage());
    }

    @Test
    void aFileIsNotAFolder() throws Exception {
        Path file = Files.writeString(tmp.resolve("a.csv"), "x");
        var e = assertThrows(SourceException.class, () -> Sources.open(file.toString(), null));
        assertEquals(SourceException.Kind.NOT_FOUND, e.kind());
    }

    @Test
    void anS3SpecWithoutABucketIsOneClearSentence() {
        var e = assertThrows(SourceException.class, () -> Sources.open("s3:///export", null));
        assertEquals("The source s3:///export names no bucket: write it as s3://bucket or s3://bucket/prefix.",
                e.getMessage());
    }

    @Test
    void theEndpointComesFromTheEnvironmentWhenSet() {
        assertEquals(URI.create("http://minio:9000"),
                S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "http://minio:9000")).endpointUrl());
        assertEquals(URI.create("http://s3only:9000"), S3Settings.fromEnvironment(
                Map.of("AWS_ENDPOINT_URL", "http://minio:9000", "AWS_ENDPOINT_URL_S3", "http://s3only:9000")).endpointUrl());
        assertEquals(null, S3Settings.fromEnvironment(Map.of()).endpointUrl());
    }

    @Test
    void anEndpointForcesPathStyle() {
        assertEquals(false, S3Settings.defaults().usePathStyle());
        assertEquals(true, S3Settings.defaults().withPathStyle(true).usePathStyle());
        assertEquals(true, S3Settings.defaults().withEndpointUrl(URI.create("http://127.0.0.1:9000")).usePathStyle());
    }

    @Test
    void anEndpointWithoutSchemeIsOneClearSentence() {
        var e = assertThrows(SourceException.class, () -> S3Settings.fromEnvironment(Map.of("AWS_ENDPOINT_URL", "minio:9000")));
        assertEquals("The endpoint URL \"minio:9000\" is not valid: write it as http://host:port or https://host.",
                e.getMessage());
    }

    @Test
    void aMalformedEndpointIsShownWithoutItsUserInfo() {
        var e = assertThrows(SourceException.class, () -> S3Settings.parseEndpoint("http://me:hunter2@bad host/?x=1"));
        assertEquals("The endpoint URL \"http://bad host/\" is not valid: write it as http://host:port or https://host.",
                e.getMessage());
    }
}
