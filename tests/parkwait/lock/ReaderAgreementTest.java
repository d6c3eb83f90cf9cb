package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import parkwait.testing.JavaProcesses;

/**
 * Issue 12: ingest, lock.java and status.java reach the same verdict in every state of the lock,
 * each reader a real process (the scripts' own main classes) against a real holder process.
 */
class ReaderAgreementTest {
    static final Duration DEADLINE = Duration.ofSeconds(90);
    static final long REMOTE_PID = 4242;

    @TempDir static Path shared;
    /** What each state's readers said; every state is set up and read in parallel, before the checks. */
    static final Map<State, Outcome> OUTCOMES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Each state, what every reader must conclude, and a few words its reason must contain. */
    enum State {
        FREE("FREE", 0, "no run holds the lock"),
        HELD("HELD", 75, "is still running on this host"),
        HELD_BY_A_PAUSED_PROCESS("HELD", 75, "it is paused"),
        FORCE_CLEARED_WHILE_PAUSED("HELD", 75, "was cleared by force"),
        LOCK_FILE_REMOVED_BY_HAND("HELD", 75, "removed by hand"),
        STALE_DEAD_HOLDER("STALE", 0, "is no longer running"),
        STALE_REUSED_PID("STALE", 0, "pid was reused"),
        FOREIGN_HOST_FRESH("HELD-REMOTE", 75, "OTHER-PC last wrote its heartbeat"),
        FOREIGN_HOST_SILENT("STALE", 0, "has been silent"),
        UNREADABLE("STALE", 0, "the lock file is unreadable"),
        FOLDER_IN_PLACE("UNUSABLE", 1, "a folder is where the lock file should be"),
        FIFO_IN_PLACE("UNUSABLE", 1, "a special file (a FIFO"),
        LINK_TO_DEV_ZERO("UNUSABLE", 1, "is a symbolic link"),
        LINK_AT_THE_GUARD("UNUSABLE", 1, "is a symbolic link"),
        LINK_AT_THE_TEMP_FILE("UNUSABLE", 1, "is a symbolic link");

        final String verdict;
        final int exit;
        final String reasonPart;

        State(String verdict, int exit, String reasonPart) {
            this.verdict = verdict;
            this.exit = exit;
            this.reasonPart = reasonPart;
        }
    }

    static Path emptySource;

    /** What the three readers said about one state, or why the state could not be set up. */
    record Outcome(Result lock, Result status, Result ingest, Long holderPid, String victim, Integer exitAfterResume,
                   Throwable failure) {
    }

    @BeforeAll
    static void setUpAndReadEveryState() throws Exception {
        emptySource = Files.createDirectories(shared.resolve("bucket"));
        if (!Files.isDirectory(Path.of("/proc/self"))) return;
        // Three at a time: each state is a holder and three short-lived JVMs; more only queue for the CPUs.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            List<java.util.concurrent.Future<?>> all = new ArrayList<>();
            for (State st : State.values()) all.add(pool.submit(() -> OUTCOMES.put(st, outcome(st))));
            for (var f : all) f.get();
        } finally {
            pool.shutdownNow();
        }
    }

    record Result(int exitCode, String output) {
        JsonNode json() throws Exception {
            return LockJson.MAPPER.readTree(output.substring(output.indexOf('{')));
        }
    }

    /** One of the scripts' main classes as its own process; a reader that hangs fails the test. */
    static Result reader(String main, String... args) throws Exception {
        Path log = Files.createTempFile(shared, main, ".log");
        ProcessBuilder pb = new ProcessBuilder(JavaProcesses.command(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1"),
                main, args)).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PARKWAIT_HOME", shared.toString()); // no project config
        Process p = pb.start();
        if (!p.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(main + " " + String.join(" ", args) + " hung:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).inheritIO().start();
        assertTrue(k.waitFor(30, TimeUnit.SECONDS) && k.exitValue() == 0, "kill -" + sig + " failed");
    }

    /** The state letter in /proc/PID/stat is T once SIGSTOP has taken effect. */
    static boolean stopped(Process p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
        } catch (Exception e) {
            return false;
        }
    }

    static String normalized(String reason) {
        return reason.replaceAll("[0-9]+", "#");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(State.class)
    void everyReaderReachesTheSameVerdict(State state) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux (kill -STOP, mkfifo, /proc); skipped");
        Outcome o = OUTCOMES.get(state);
        if (o.failure() instanceof org.opentest4j.TestAbortedException skipped) throw skipped;
        if (o.failure() != null) throw new AssertionError("setting up " + state + " failed", o.failure());
        assertEquals("precious\n", o.victim(), "a reader wrote through a planted link");
        Long holderPid = o.holderPid();
        JsonNode l = o.lock().json();
        JsonNode s = o.status().json().get("lock");
        String reason = l.get("reason").asText();
        assertEquals(state.verdict, l.get("verdict").asText(), "lock.java: " + o.lock().output());
        assertEquals(state.exit, o.lock().exitCode(), "lock.java exit: " + o.lock().output());
        assertTrue(reason.contains(state.reasonPart), "lock.java's reason: " + reason);
        assertEquals(state.verdict, s.get("verdict").asText(), "status.java: " + o.status().output());
        assertEquals(normalized(reason), normalized(s.get("reason").asText()), "status.java's reason");
        assertEquals(0, o.status().exitCode(), o.status().output());
        if (holderPid != null) {
            assertEquals(holderPid.longValue(), l.get("holder").get("pid").asLong(), "lock.java names the holder: " + o.lock().output());
            assertEquals(holderPid.longValue(), s.get("holder").get("pid").asLong(), "status.java names the holder: " + o.status().output());
        }
        Result ingest = o.ingest();
        assertEquals(state.exit, ingest.exitCode(), "ingest exit: " + ingest.output());
        if (state != State.FREE) {
            assertTrue(normalized(ingest.output()).contains(normalized(reason)),
                    "ingest gives the same reason (" + reason + "):\n" + ingest.output());
        }
        if (state.exit == 75) assertTrue(ingest.output().contains("Another run holds the lock: pid " + holderPid), ingest.output());
        if (state.verdict.equals("STALE")) assertTrue(ingest.output().contains("Took over a stale lock"), ingest.output());
        if (state == State.FORCE_CLEARED_WHILE_PAUSED) {
            assertEquals(1, o.exitAfterResume(), "the fenced holder should stop when it resumes, because it lost the lock");
        }
        System.out.println("reader agreement: " + state + " -> lock.java " + l.get("verdict").asText() + " (exit "
                + o.lock().exitCode() + "), status.java " + s.get("verdict").asText() + ", ingest exit " + ingest.exitCode());
    }

    /** Sets up one state in its own folder, then runs lock.java and status.java together, then ingest. */
    static Outcome outcome(State state) {
        Path dir = shared.resolve(state.name());
        List<Process> holders = new ArrayList<>();
        try {
            Path out = dir.resolve("out");
            Path stateDir = Files.createDirectories(out.resolve("state"));
            Path lockFile = stateDir.resolve(FileRunLock.LOCK_FILE);
            Path victim = Files.writeString(dir.resolve("victim.txt"), "precious\n");
            Long holderPid = null;
            switch (state) {
                case HELD, HELD_BY_A_PAUSED_PROCESS, FORCE_CLEARED_WHILE_PAUSED, LOCK_FILE_REMOVED_BY_HAND, STALE_DEAD_HOLDER -> {
                    Path ready = dir.resolve("ready");
                    // A slow heartbeat where the test removes the lock file, so the holder does not write it back meanwhile.
                    String beat = state == State.LOCK_FILE_REMOVED_BY_HAND ? "120000" : "100";
                    Process h = JavaProcesses.startMain(LockProbe.class, dir.resolve("holder.log"), Map.of(), "hold",
                            stateDir.toString(), ready.toString(), beat);
                    holders.add(h);
                    holderPid = h.pid();
                    assertTrue(JavaProcesses.await(DEADLINE, () -> Files.exists(ready)), "the holder never took the lock");
                    if (state == State.HELD_BY_A_PAUSED_PROCESS || state == State.FORCE_CLEARED_WHILE_PAUSED) {
                        signal(h, "STOP");
                        assertTrue(JavaProcesses.await(DEADLINE, () -> stopped(h)), "the holder did not stop");
                    }
                    if (state == State.FORCE_CLEARED_WHILE_PAUSED) {
                        Result cleared = reader("lock", "--clear", "--force", "--output-base", out.toString());
                        assertEquals(0, cleared.exitCode(), cleared.output());
                        assertTrue(cleared.output().contains("fenced") && cleared.output().contains("kill " + h.pid()), cleared.output());
                    }
                    if (state == State.LOCK_FILE_REMOVED_BY_HAND) Files.delete(lockFile);
                    if (state == State.STALE_DEAD_HOLDER) {
                        h.destroyForcibly();
                        assertTrue(h.waitFor(30, TimeUnit.SECONDS));
                    }
                }
                case STALE_REUSED_PID -> {
                    ProcessHandle me = ProcessHandle.current();
                    holderPid = me.pid();
                    write(lockFile, me.pid(), ProcessFacts.system().hostName(),
                            me.info().startInstant().orElseThrow().minus(Duration.ofHours(1)), Instant.now());
                }
                case FOREIGN_HOST_FRESH, FOREIGN_HOST_SILENT -> {
                    holderPid = REMOTE_PID;
                    Instant beat = Instant.now().minus(state == State.FOREIGN_HOST_FRESH ? Duration.ofSeconds(5) : Duration.ofMinutes(20));
                    write(lockFile, REMOTE_PID, "OTHER-PC", null, beat);
                }
                case UNREADABLE -> Files.write(lockFile, new byte[] {0, (byte) 0xff, 0x7b, 0x22});
                case FOLDER_IN_PLACE -> Files.createDirectories(lockFile);
                case FIFO_IN_PLACE -> {
                    Process mk = new ProcessBuilder("mkfifo", lockFile.toString()).inheritIO().start();
                    assumeTrue(mk.waitFor(30, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo is missing; skipped");
                }
                case LINK_TO_DEV_ZERO -> Files.createSymbolicLink(lockFile, Path.of("/dev/zero"));
                case LINK_AT_THE_GUARD -> Files.createSymbolicLink(stateDir.resolve(FileRunLock.GUARD_FILE), victim);
                case LINK_AT_THE_TEMP_FILE -> Files.createSymbolicLink(stateDir.resolve(FileRunLock.LOCK_FILE + ".tmp"), victim);
                case FREE -> { }
            }
            String base = out.toString();
            CompletableFuture<Result> lockRun = CompletableFuture.supplyAsync(() -> quietly("lock", "--json", "--output-base", base));
            CompletableFuture<Result> statusRun = CompletableFuture.supplyAsync(() -> quietly("status", "--json", "--output-base", base));
            Result lock = lockRun.get();
            Result status = statusRun.get();
            Result ingest = reader("ingest", "--source", emptySource.toString(), "--output-base", base);
            Integer exitAfterResume = null;
            if (state == State.FORCE_CLEARED_WHILE_PAUSED) {
                Process h = holders.get(0);
                signal(h, "CONT");
                exitAfterResume = h.waitFor(60, TimeUnit.SECONDS) ? h.exitValue() : null;
            }
            return new Outcome(lock, status, ingest, holderPid, Files.readString(victim), exitAfterResume, null);
        } catch (Throwable e) {
            return new Outcome(null, null, null, null, null, null, e);
        } finally {
            for (Process h : holders) {
                if (h.isAlive()) {
                    try {
                        signal(h, "CONT");
                    } catch (Exception ignored) {
                        // it is killed next anyway
                    }
                    h.destroyForcibly();
                }
            }
        }
    }

    private static Result quietly(String main, String... args) {
        try {
            return reader(main, args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path lockFile, long pid, String host, Instant processStart, Instant heartbeat) throws Exception {
        LockInfo info = new LockInfo(1, pid, host, "fred", processStart, heartbeat.minusSeconds(60), heartbeat, "ingest.java", 5);
        Files.writeString(lockFile, LockJson.write(info));
    }
}
