package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;

/** Issue 12: an S3 lock error reads as the S3 source's one sentence, not as the SDK's wall of text. */
class S3LockErrorsTest {
    @TempDir Path dir;

    /** lock.java with no AWS credentials anywhere (and no instance metadata to ask), as its own process. */
    String lockJavaWithoutCredentials(String... args) throws Exception {
        Path log = dir.resolve("lock.log");
        ProcessBuilder pb = new ProcessBuilder(JavaProcesses.command(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"),
                "lock", args)).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.putAll(Map.of("PARKWAIT_HOME", dir.toString(), "AWS_CONFIG_FILE", dir.resolve("none").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", dir.resolve("none").toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "lock.java did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), out);
        return out;
    }

    @Test
    void noCredentialsIsTheSourcesOneSentence() throws Exception {
        String out = lockJavaWithoutCredentials("--lock-url", "s3://my-locks/parkwait/ingest.lock", "--output-base", dir.toString());
        String verdict = out.lines().filter(l -> l.startsWith("Verdict:")).findFirst().orElse("");
        assertTrue(verdict.contains("UNUSABLE - No AWS credentials were found for s3://my-locks/ (endpoint http://127.0.0.1:9)"
                + ": set AWS_PROFILE, run aws sso login, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), out);
        assertTrue(verdict.length() < 250, "the verdict line is " + verdict.length() + " characters: " + verdict);
        assertFalse(out.contains("Unable to load credentials") || out.contains("Exception"), out);
    }
}
