package parkwait.lock;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import parkwait.source.S3Settings;

/**
 * A child process for S3 lock tests; its host identity comes from PARKWAIT_HOST.
 * <pre>
 *   section ENDPOINT BUCKET KEY LOG HOLD_MS GO_FILE WAIT_MS   race for the lock once, append "pid enter exit"
 *   hold ENDPOINT BUCKET KEY READY_FILE DATABASE              take it, then make a fenced database commit
 *                                                             every 50 ms; exit 1 when the lock is lost,
 *                                                             3 when a commit is fenced out
 * </pre>
 * Leases here are short: heartbeat every 200 ms, stale after 2 s (the race: 500 ms and 15 s).
 */
public final class S3LockProbe {
    static final LockSettings SETTINGS = new LockSettings(Duration.ofSeconds(2), Duration.ofHours(6), Duration.ofMillis(200));
    /**
     * The race's leases: ten processes taking turns through a one-request-at-a-time proxy on two
     * cores can spend seconds in one acquisition, and the lease counts from before it. Still short
     * enough that a holder stalled past it is taken over, which the race would then show.
     */
    static final LockSettings RACE_SETTINGS = new LockSettings(Duration.ofSeconds(15), Duration.ofHours(6), Duration.ofMillis(500));

    public static void main(String[] args) throws Exception {
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
        S3RunLock lock = lock(URI.create(args[1]), args[2], args[3], Clock.systemUTC(), ProcessFacts.system(),
                Files.createTempDirectory("s3probe"), args[0].equals("section") ? RACE_SETTINGS : SETTINGS);
        if (args[0].equals("section")) CriticalSection.run(lock, Path.of(args[4]), Long.parseLong(args[5]), Path.of(args[6]),
                Duration.ofMillis(Long.parseLong(args[7])));
        else hold(lock, Path.of(args[4]), Path.of(args[5]));
    }

    static S3RunLock lock(URI endpoint, String bucket, String key, Clock clock, ProcessFacts facts, Path auditDir) {
        return lock(endpoint, bucket, key, clock, facts, auditDir, SETTINGS);
    }

    static S3RunLock lock(URI endpoint, String bucket, String key, Clock clock, ProcessFacts facts, Path auditDir,
                          LockSettings settings) {
        S3Settings s3 = S3Settings.defaults().withBucket(bucket, "").withEndpointUrl(endpoint).withRegion("us-east-1")
                .withMaxAttempts(1);
        return new S3RunLock(s3, key, settings, facts, clock, new AuditLog(auditDir.resolve("audit.jsonl")));
    }

    static software.amazon.awssdk.services.s3.S3Client clientFor(URI endpoint) {
        return S3Settings.defaults().withBucket("locks", "").withEndpointUrl(endpoint).withRegion("us-east-1").newClient();
    }

    private static void hold(S3RunLock lock, Path ready, Path database) throws Exception {
        Lease lease = lock.acquire("s3 probe hold", Duration.ZERO, s -> { });
        try (var store = parkwait.store.Store.open(database, parkwait.store.StoreOptions.defaults())) {
            store.claimToken(lease.token());
            Files.writeString(ready, Long.toString(lease.token()));
            for (int n = 0; ; n++) {
                try {
                    lease.assertHeld(); // as the pipeline does before every commit
                    store.recordFailure(new parkwait.source.SourceObject("commit-" + n, "e", 1, Instant.now()),
                            lease.token(), "holder", "a fenced write"); // checks the token inside its transaction
                } catch (LockLostException | parkwait.store.FencedException e) {
                    System.out.println(e.getMessage());
                    System.exit(e instanceof LockLostException ? 1 : 3);
                }
                Thread.sleep(50); // the holder's own work loop; tests wait on files, not on this
            }
        }
    }

    static long micros() {
        return CriticalSection.micros();
    }
}
