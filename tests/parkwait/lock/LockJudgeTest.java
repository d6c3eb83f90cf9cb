package parkwait.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import parkwait.lock.LockJudge.OsLock;
import parkwait.lock.LockJudge.Snapshot;

/** The verdict table of DESIGN 3.2, row by row, with process facts described rather than real. */
class LockJudgeTest {
    static final Instant NOW = Instant.parse("2026-01-22T17:52:34.123Z");
    static final Instant STARTED = Instant.parse("2026-01-22T05:00:00Z");
    static final LockSettings SETTINGS = new LockSettings(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofSeconds(30));

    /** Facts for host HERE: pid 100 alive since STARTED, pid 200 alive since another time, others dead. */
    static final ProcessFacts FACTS = new ProcessFacts() {
        final Map<Long, Instant> alive = Map.of(100L, STARTED, 200L, STARTED.plusSeconds(3600));
        public long currentPid() { return 999; }
        public Optional<Instant> startTimeIfAlive(long pid) { return Optional.ofNullable(alive.get(pid)); }
        public boolean isAlive(long pid) { return alive.containsKey(pid); }
        public String hostName() { return "HERE"; }
        public String userName() { return "tester"; }
    };

    final LockJudge judge = new LockJudge(FACTS, SETTINGS);

    static Snapshot record(long pid, String host, Instant acquired, Instant heartbeat) {
        LockInfo info = new LockInfo(1, pid, host, "fred", STARTED, acquired, heartbeat, "ingest.java", 7);
        return new Snapshot(true, false, Optional.of(info), null, heartbeat);
    }

    @Test
    void noLockFileIsFree() {
        assertInstanceOf(Verdict.Free.class, judge.judge(Snapshot.absent(), OsLock.NOT_HELD, NOW));
    }

    @Test
    void liveHolderOnThisHostWithMatchingStartIsHeld() {
        Verdict v = judge.judge(record(100, "HERE", NOW.minusSeconds(60), NOW.minusSeconds(5)), OsLock.NOT_HELD, NOW);
        Verdict.Held held = assertInstanceOf(Verdict.Held.class, v);
        assertEquals(100, held.holder().pid());
        assertEquals(Duration.ofSeconds(60), held.heldFor());
        assertEquals(false, held.possiblyHung());
    }

    @Test
    void liveHolderOlderThanEveryLimitIsStillHeldButFlaggedPossiblyHung() {
        Verdict v = judge.judge(record(100, "HERE", NOW.minus(Duration.ofHours(31)), NOW.minus(Duration.ofHours(30))),
                OsLock.NOT_HELD, NOW);
        Verdict.Held held = assertInstanceOf(Verdict.Held.class, v);
        assertTrue(held.possiblyHung());
        assertTrue(held.why().contains("31 h"), held.why());
    }

    @Test
    void deadHolderOnThisHostIsStaleAtOnce() {
        Verdict v = judge.judge(record(300, "here", NOW.minusSeconds(1), NOW.minusSeconds(1)), OsLock.NOT_HELD, NOW);
        assertEquals(Verdict.StaleReason.DEAD_HOLDER, assertInstanceOf(Verdict.Stale.class, v).reason());
    }

    @Test
    void livePidWithAnotherStartTimeIsStaleAsReused() {
        Verdict v = judge.judge(record(200, "HERE", NOW.minusSeconds(60), NOW.minusSeconds(5)), OsLock.NOT_HELD, NOW);
        assertEquals(Verdict.StaleReason.PID_REUSED, assertInstanceOf(Verdict.Stale.class, v).reason());
    }

    @Test
    void deadHolderButOsLockHeldMeansSomeoneIsTakingOver() {
        Verdict v = judge.judge(record(300, "HERE", NOW.minusSeconds(1), NOW.minusSeconds(1)), OsLock.HELD_BY_OTHER, NOW);
        assertInstanceOf(Verdict.Held.class, v);
    }

    @Test
    void otherHostWithFreshHeartbeatIsHeldRemote() {
        Verdict v = judge.judge(record(300, "OTHER-PC", NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofMinutes(9))),
                OsLock.NOT_HELD, NOW);
        assertEquals(Duration.ofMinutes(9), assertInstanceOf(Verdict.HeldRemote.class, v).heartbeatAge());
    }

    @Test
    void otherHostWithExpiredHeartbeatIsStaleAsSilent() {
        Verdict v = judge.judge(record(100, "OTHER-PC", NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofMinutes(11))),
                OsLock.NOT_HELD, NOW);
        assertEquals(Verdict.StaleReason.REMOTE_SILENT, assertInstanceOf(Verdict.Stale.class, v).reason());
    }

    @Test
    void heartbeatFromTheFutureIsJudgedByTheFileAge() {
        LockInfo info = new LockInfo(1, 5, "OTHER-PC", "fred", null, NOW, NOW.plus(Duration.ofDays(365)), "x", 3);
        Snapshot s = new Snapshot(true, false, Optional.of(info), null, NOW.minus(Duration.ofHours(1)));
        assertEquals(Verdict.StaleReason.REMOTE_SILENT, assertInstanceOf(Verdict.Stale.class, judge.judge(s, OsLock.NOT_HELD, NOW)).reason());
    }

    @Test
    void unreadableFileIsDecidedByTheOsLockOnThisHost() {
        Snapshot s = new Snapshot(true, false, Optional.empty(), "the file is empty", NOW);
        assertInstanceOf(Verdict.Held.class, judge.judge(s, OsLock.HELD_BY_OTHER, NOW));
        assertEquals(Verdict.StaleReason.UNREADABLE,
                assertInstanceOf(Verdict.Stale.class, judge.judge(s, OsLock.NOT_HELD, NOW)).reason());
    }

    @Test
    void unreadableFileWithoutOsAnswerIsDecidedByItsAge() {
        Snapshot young = new Snapshot(true, false, Optional.empty(), "the file is empty", NOW.minusSeconds(30));
        Snapshot old = new Snapshot(true, false, Optional.empty(), "the file is empty", NOW.minus(Duration.ofHours(1)));
        assertInstanceOf(Verdict.HeldRemote.class, judge.judge(young, OsLock.UNKNOWN, NOW));
        assertInstanceOf(Verdict.Stale.class, judge.judge(old, OsLock.UNKNOWN, NOW));
    }

    @Test
    void folderInPlaceOfTheFileIsUnusable() {
        Snapshot s = new Snapshot(true, true, Optional.empty(), "a folder is in its place", null);
        Verdict.Unusable u = assertInstanceOf(Verdict.Unusable.class, judge.judge(s, OsLock.NOT_HELD, NOW));
        assertTrue(u.remedy().contains("remove that folder"), u.remedy());
    }

    // --- what the guard file adds (issue 12) ---

    static LockInfo holder(long pid, long token) {
        return new LockInfo(1, pid, "HERE", "fred", STARTED, NOW.minusSeconds(60), NOW.minusSeconds(5), "ingest.java", token);
    }

    @Test
    void aHolderThisUserCannotSeeButThatHoldsTheOsLockIsHeldAndNamedNeverStale() {
        // Windows: ProcessHandle.of fails for another account's process, and a killed process keeps its
        // file locks a moment; the facts say "not alive", the OS lock says held. The OS lock wins.
        LockInfo h = holder(300, 7);
        Snapshot s = new Snapshot(true, false, Optional.of(h), null, NOW);
        Verdict.Held held = assertInstanceOf(Verdict.Held.class,
                judge.judge(s, OsLock.HELD_BY_OTHER, new GuardFile.Content(7, Optional.of(h), false), NOW));
        assertEquals(300, held.holder().pid());
        assertTrue(held.settling(), "a starting run retries a little before it exits 75");
        assertTrue(held.why().contains("another account") && !held.why().contains("dead"), held.why());
    }

    @Test
    void aHolderClearedByForceThatStillRunsIsHeldByItsPidWithWhatToDo() {
        LockInfo h = holder(100, 7);
        Verdict.Held held = assertInstanceOf(Verdict.Held.class,
                judge.judge(Snapshot.absent(), OsLock.HELD_BY_OTHER, new GuardFile.Content(8, Optional.of(h), false), NOW));
        assertEquals(100, held.holder().pid());
        assertTrue(held.why().contains("cleared by force") && held.why().contains("kill 100")
                && held.why().contains("cannot take that lock from a live process"), held.why());
    }

    @Test
    void aLockFileRemovedByHandWhileHeldIsHeldByThePidTheGuardNames() {
        LockInfo h = holder(100, 7);
        Verdict.Held held = assertInstanceOf(Verdict.Held.class,
                judge.judge(Snapshot.absent(), OsLock.HELD_BY_OTHER, new GuardFile.Content(7, Optional.of(h), false), NOW));
        assertEquals(100, held.holder().pid());
        assertTrue(held.why().contains("removed by hand"), held.why());
        assertEquals(false, held.settling());
    }

    @Test
    void aRunTakingTheLockThisInstantIsNamedAndRetriedNotReportedAsRemovedByHand() {
        LockInfo h = holder(100, 7);
        Verdict.Held held = assertInstanceOf(Verdict.Held.class,
                judge.judge(Snapshot.absent(), OsLock.HELD_BY_OTHER, new GuardFile.Content(7, Optional.of(h), true), NOW));
        assertEquals(100, held.holder().pid());
        assertTrue(held.settling() && held.why().contains("is taking the lock right now"), held.why());
    }

    @Test
    void aGuardWhoseOsLockNobodyHoldsChangesNothing() {
        LockInfo h = holder(300, 7);
        Snapshot s = new Snapshot(true, false, Optional.of(h), null, NOW);
        Verdict v = judge.judge(s, OsLock.NOT_HELD, new GuardFile.Content(8, Optional.of(h), false), NOW);
        assertEquals(Verdict.StaleReason.DEAD_HOLDER, assertInstanceOf(Verdict.Stale.class, v).reason());
        assertInstanceOf(Verdict.Free.class, judge.judge(Snapshot.absent(), OsLock.NOT_HELD, new GuardFile.Content(8, Optional.of(h), false), NOW));
    }

    @Test
    void theGuardsCounterLineCanBeRaisedWithoutTouchingItsHolderLine() {
        LockInfo h = holder(100, 7);
        GuardFile.Content c = GuardFile.parse(String.format("%019d\n", 8) + LockJson.write(h) + "\nheld\n");
        assertEquals(8, c.counter());
        assertEquals(h, c.holder().orElseThrow());
        assertTrue(c.fenced());
        assertEquals(5, GuardFile.parse("5\n").counter(), "a guard written before the holder line was added");
        assertEquals(0, GuardFile.parse("garbage").counter());
    }
}
