package parkwait.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;
import parkwait.testing.S3MockServer;
import parkwait.testing.SerialProxy;

/**
 * The S3 settings are resolved once and serve the source and the lock alike, and all three scripts
 * take them (issue 12 item 7). S3Mock behind the one-at-a-time proxy plays S3; no AWS_ENDPOINT_URL
 * is set, so a lock that ignored --endpoint-url would go to AWS and fail.
 */
class S3OptionsTest {
    static SerialProxy proxy;
    static String bucket;
    @TempDir Path dir;

    @BeforeAll
    static void upload() throws Exception {
        proxy = new SerialProxy(S3MockServer.shared().endpoint());
        bucket = S3MockServer.shared().newBucket("s3-options");
        S3MockServer.shared().uploadTree(JavaProcesses.projectHome().resolve("examples/bucket"), bucket);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        proxy.close();
    }

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", null);
        env.put("AWS_ENDPOINT_URL_S3", null);
        env.put("AWS_ACCESS_KEY_ID", "parkwait-test");
        env.put("AWS_SECRET_ACCESS_KEY", "parkwait-test-secret");
        env.put("AWS_REGION", "us-east-1");
        return env;
    }

    @Test
    void endpointUrlOnTheCommandLineServesTheSourceAndTheLockOfEveryScript() throws Exception {
        String lockUrl = "s3://" + S3MockServer.LOCK_BUCKET + "/options/" + UUID.randomUUID() + ".lock";
        String endpoint = proxy.endpoint().toString();
        String out = dir.resolve("o").toString();

        ScriptRun ingest = ScriptRun.run(dir, env(), "ingest", "--source", "s3://" + bucket, "--endpoint-url", endpoint,
                "--lock-url", lockUrl, "--output-base", out);
        assertEquals(0, ingest.exit(), ingest.all());
        assertTrue(ingest.out().contains("0 failed") && ingest.out().contains("Rows: "), ingest.all());
        String audit = Files.readString(dir.resolve("o/state/lock-events.jsonl"));
        assertTrue(audit.contains("\"released\"") && audit.contains("\"detail\":\"" + lockUrl + "\""), "the S3 lock was used: " + audit);

        ScriptRun check = ScriptRun.run(dir, env(), "lock", "--endpoint-url", endpoint, "--lock-url", lockUrl,
                "--output-base", out, "--check");
        assertEquals(0, check.exit(), check.all());
        ScriptRun status = ScriptRun.run(dir, env(), "status", "--endpoint-url", endpoint, "--region", "us-east-1",
                "--path-style", "--lock-url", lockUrl, "--output-base", out, "--json");
        assertEquals(0, status.exit(), status.all());
        assertTrue(status.out().contains("\"verdict\" : \"FREE\""), status.all());
    }

    @Test
    void theConfigsEndpointServesBothToo() throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"endpoint_url\": \"" + proxy.endpoint() + "\", \"lock_url\": \"s3://"
                + S3MockServer.LOCK_BUCKET + "/options/" + UUID.randomUUID() + ".lock\"}");
        ScriptRun ingest = ScriptRun.run(dir, env(), "ingest", "--source", "s3://" + bucket, "--config", config.toString(),
                "--output-base", dir.resolve("o2").toString());
        assertEquals(0, ingest.exit(), ingest.all());
        ScriptRun lock = ScriptRun.run(dir, env(), "lock", "--config", config.toString(), "--output-base", dir.resolve("o2").toString());
        assertEquals(0, lock.exit(), lock.all());
        assertTrue(lock.out().contains("FREE"), lock.all());
    }
}
