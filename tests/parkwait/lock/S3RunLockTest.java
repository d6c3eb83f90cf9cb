package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.JavaProcesses;
import parkwait.testing.S3MockServer;
import parkwait.testing.SerialProxy;

/** The S3 lease lock against a real S3 API (S3Mock behind a one-request-at-a-time proxy). */
class S3RunLockTest {
    static SerialProxy proxy;
    static final String BUCKET = S3MockServer.LOCK_BUCKET;

    @TempDir Path dir;

    @BeforeAll
    static void start() throws Exception {
        proxy = new SerialProxy(S3MockServer.shared().endpoint());
        System.setProperty("aws.accessKeyId", "test-access-key");
        System.setProperty("aws.secretAccessKey", "test-secret-key");
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    static String newKey() {
        return "parkwait/" + UUID.randomUUID() + ".lock";
    }

    /** Facts for a runner on another machine: its PIDs mean nothing here. */
    static ProcessFacts host(String name) {
        ProcessFacts real = ProcessFacts.system();
        return new ProcessFacts() {
            public long currentPid() { return real.currentPid(); }
            public Optional<Instant> startTimeIfAlive(long pid) { return real.startTimeIfAlive(pid); }
            public boolean isAlive(long pid) { return real.isAlive(pid); }
            public String hostName() { return name; }
            public String userName() { return "tester"; }
        };
    }

    S3RunLock lock(String key, String hostName, Clock clock) {
        return S3LockProbe.lock(proxy.endpoint(), BUCKET, key, clock, host(hostName), dir);
    }

    @Test
    void acquireShowsTheHolderAndReleaseRemovesTheObject() throws Exception {
        String key = newKey();
        S3RunLock a = lock(key, "PC-A", Clock.systemUTC());
        try (Lease lease = a.acquire("ingest.java", Duration.ZERO, s -> { })) {
            RunLock.Inspection seenFromB = lock(key, "PC-B", Clock.systemUTC()).inspect();
            Verdict.HeldRemote held = assertInstanceOf(Verdict.HeldRemote.class, seenFromB.verdict());
            assertEquals("PC-A", held.holder().host());
            assertEquals(lease.token(), held.holder().token());
            LockBusyException busy = assertThrows(LockBusyException.class,
                    () -> lock(key, "PC-B", Clock.systemUTC()).acquire("ingest.java", Duration.ZERO, s -> { }));
            assertTrue(busy.getMessage().contains("on PC-A"), busy.getMessage());
        }
        assertInstanceOf(Verdict.Free.class, a.inspect().verdict());
        assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("\"event\":\"released\""));
    }

    @Test
    void tokensIncreaseAcrossReleasesAndTakeovers() throws Exception {
        String key = newKey();
        long first;
        try (Lease l = lock(key, "PC-A", Clock.systemUTC()).acquire("x", Duration.ZERO, s -> { })) {
            first = l.token();
        }
        long second;
        try (Lease l = lock(key, "PC-A", Clock.systemUTC()).acquire("x", Duration.ZERO, s -> { })) {
            second = l.token();
            assertTrue(second > first, second + " after " + first);
            assertEquals(second + 1000, l.raiseToken(second + 1000));
        }
    }

    @Test
    void aRunnerWhoseClockIsTenMinutesOffNeitherStealsALiveLeaseNorKeepsADeadOne() throws Exception {
        String key = newKey();
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        try (Lease live = lock(key, "PC-A", behind).acquire("x", Duration.ZERO, s -> { })) {
            // Seen by a runner whose clock is 10 minutes ahead: the lease is live (judged in server time).
            assertInstanceOf(Verdict.HeldRemote.class, lock(key, "PC-B", ahead).inspect().verdict());
            assertThrows(LockBusyException.class, () -> lock(key, "PC-B", ahead).acquire("x", Duration.ZERO, s -> { }));
            live.assertHeld();
        }
        // A dead lease (heartbeat 20 s old in server time, limit 2 s), seen by a runner 10 minutes behind: stale.
        S3RunLock writer = lock(key, "PC-A", Clock.systemUTC());
        Instant serverNow = Instant.now();
        LockInfo dead = new LockInfo(1, 4242, "PC-A", "fred", null, serverNow.minusSeconds(60), serverNow.minusSeconds(20),
                "x", 7);
        S3Object o = new S3Object(S3LockProbe.clientFor(proxy.endpoint()), BUCKET, key, Clock.systemUTC());
        o.create(LockJson.write(dead));
        Verdict v = lock(key, "PC-B", behind).inspect().verdict();
        assertEquals(Verdict.StaleReason.REMOTE_SILENT, assertInstanceOf(Verdict.Stale.class, v).reason());
        try (Lease taken = lock(key, "PC-B", behind).acquire("x", Duration.ZERO, s -> { })) {
            assertTrue(taken.token() > 7);
        }
        assertTrue(writer.inspect().verdict() instanceof Verdict.Free);
    }

    @Test
    void aHolderPausedPastItsLeaseIsTakenOverAndOnResumeNoticesAndWritesNothing() throws Exception {
        String key = newKey();
        Path ready = dir.resolve("ready");
        Path db = dir.resolve("wait_times.sqlite");
        Process holder = JavaProcesses.startMain(S3LockProbe.class, dir.resolve("holder.log"), java.util.Map.of("PARKWAIT_HOST", "PC-A"),
                "hold", proxy.endpoint().toString(), BUCKET, key, ready.toString(), db.toString());
        try {
            assertTrue(JavaProcesses.await(Duration.ofSeconds(90), () -> Files.exists(ready)), "holder never took the lock");
            assertTrue(JavaProcesses.await(Duration.ofSeconds(30), () -> commits(db) >= 3), "holder never committed");
            signal("STOP", holder.pid());
            S3RunLock b = lock(key, "PC-B", Clock.systemUTC());
            assertTrue(JavaProcesses.await(Duration.ofSeconds(30), () -> b.inspect().verdict() instanceof Verdict.Stale),
                    "the paused holder's lease never expired");
            try (Lease lease = b.acquire("ingest.java", Duration.ZERO, s -> { });
                 var store = parkwait.store.Store.open(db, parkwait.store.StoreOptions.defaults())) {
                assertTrue(lease.token() > Long.parseLong(Files.readString(ready).trim()));
                store.claimToken(lease.token()); // what the new run's ingest does first
                long before = commits(db);
                signal("CONT", holder.pid());
                assertTrue(holder.waitFor(30, TimeUnit.SECONDS), "the resumed holder did not stop");
                int code = holder.exitValue();
                assertTrue(code == 1 || code == 3, "exit " + code + ": " + Files.readString(dir.resolve("holder.log")));
                assertEquals(before, commits(db), "the old holder wrote after the takeover");
                lease.assertHeld();
            }
        } finally {
            signal("CONT", holder.pid());
            holder.destroyForcibly();
        }
    }

    /** Fenced writes the holder made (one source_files row each). */
    static long commits(Path db) {
        if (!Files.exists(db)) return 0;
        try (var store = parkwait.store.Store.open(db, parkwait.store.StoreOptions.defaults())) {
            return store.sourceFiles().size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Test
    void whenTheStoreIsDownTheHolderTreatsTheLockAsLostOnceTheLeaseCouldHaveExpired() throws Exception {
        String key = newKey();
        SerialProxy own = new SerialProxy(S3MockServer.shared().endpoint());
        S3RunLock lock = S3LockProbe.lock(own.endpoint(), BUCKET, key, Clock.systemUTC(), host("PC-A"), dir);
        Lease lease = lock.acquire("x", Duration.ZERO, s -> { });
        lease.assertHeld();
        own.close(); // the store goes away
        assertTrue(JavaProcesses.await(Duration.ofSeconds(30), () -> {
            try {
                lease.assertHeld();
                return false;
            } catch (LockLostException e) {
                return e.getMessage().contains("no heartbeat reached");
            }
        }), "the holder kept a lease it could no longer renew");
        lease.close();
    }

    @Test
    void aStoreWithoutConditionalWritesIsRefused() throws Exception {
        SerialProxy careless = new SerialProxy(S3MockServer.shared().endpoint());
        careless.dropConditions(true);
        try {
            S3RunLock lock = S3LockProbe.lock(careless.endpoint(), BUCKET, newKey(), Clock.systemUTC(), host("PC-A"), dir);
            LockUnusableException e = assertThrows(LockUnusableException.class, () -> lock.acquire("x", Duration.ZERO, s -> { }));
            assertTrue(e.getMessage().contains("If-None-Match"), e.getMessage());
        } finally {
            careless.close();
        }
    }

    @Test
    void clearRefusesALiveLeaseAndForceRemovesIt() throws Exception {
        String key = newKey();
        try (Lease lease = lock(key, "PC-A", Clock.systemUTC()).acquire("x", Duration.ZERO, s -> { })) {
            RunLock.ClearResult refused = lock(key, "PC-B", Clock.systemUTC()).clear(false, "lock.java --clear");
            assertTrue(!refused.cleared() && refused.message().contains("on PC-A"), refused.message());
            RunLock.ClearResult forced = lock(key, "PC-B", Clock.systemUTC()).clear(true, "lock.java --clear --force");
            assertTrue(forced.cleared(), forced.message());
            assertThrows(LockLostException.class, () -> {
                ((S3Lease) lease).beat();
                lease.assertHeld();
            });
        }
    }

    @Test
    void lockJavaShowsChecksAndClearsAnS3Lock() throws Exception {
        String key = newKey();
        String url = "s3://" + BUCKET + "/" + key;
        java.util.Map<String, String> env = java.util.Map.of("AWS_ENDPOINT_URL", proxy.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "test-access-key", "AWS_SECRET_ACCESS_KEY", "test-secret-key", "AWS_REGION", "us-east-1");
        try (Lease lease = lock(key, "PC-A", Clock.systemUTC()).acquire("ingest.java", Duration.ZERO, s -> { })) {
            assertEquals(75, runLockScript(env, "--lock-url", url, "--check").exitCode());
            JavaProcesses.Result shown = runLockScript(env, "--lock-url", url, "--json");
            assertTrue(shown.output().contains("\"verdict\" : \"HELD-REMOTE\"") && shown.output().contains("PC-A"), shown.output());
            JavaProcesses.Result refused = runLockScript(env, "--lock-url", url, "--clear");
            assertEquals(75, refused.exitCode(), refused.output());
            JavaProcesses.Result forced = runLockScript(env, "--lock-url", url, "--clear", "--force");
            assertEquals(0, forced.exitCode(), forced.output());
            assertTrue(forced.output().contains("WARNING"), forced.output());
        }
        assertEquals(0, runLockScript(env, "--lock-url", url, "--check").exitCode());
        JavaProcesses.Result bad = runLockScript(env, "--lock-url", "s3://only-a-bucket");
        assertEquals(2, bad.exitCode(), bad.output());
    }

    JavaProcesses.Result runLockScript(java.util.Map<String, String> env, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "lock", ".out");
        String[] full = java.util.Arrays.copyOf(args, args.length + 2);
        full[args.length] = "--output-base";
        full[args.length + 1] = dir.resolve("o").toString();
        Process p = JavaProcesses.startMain(Class.forName("lock"), out, env, full);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        return new JavaProcesses.Result(p.exitValue(), Files.readString(out));
    }

    static void signal(String sig, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.waitFor(10, TimeUnit.SECONDS);
    }
}
