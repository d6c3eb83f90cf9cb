package parkwait.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parkwait.cli.LockReport;
import parkwait.parse.Reject;
import parkwait.store.RunRecord;
import parkwait.store.StoreStats;

/**
 * The status as one JSON-ready map with stable camelCase field names, documented in README.md
 * ("status.java --json fields"). Instants are ISO 8601 UTC; absent values are null, never left out.
 */
public final class StatusJson {
    /** Lists of gaps keep their newest entries; the counts beside them say how many there are in all. */
    static final int JSON_LIST_LIMIT = 100;

    private StatusJson() {
    }

    public static Map<String, Object> document(StatusReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verdict", r.health().level().name());
        m.put("summary", r.health().line());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (Health.Problem p : r.health().problems()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("summary", p.summary());
            pm.put("advice", p.advice());
            problems.add(pm);
        }
        m.put("problems", problems);
        m.put("generatedAt", r.now().toString());
        m.put("outputBase", r.settings().outputBase().toString());
        m.put("stateDir", r.settings().stateDir().toString());
        m.put("lock", LockReport.json(r.lock(), r.now()));
        m.put("database", database(r));
        m.put("runs", r.shownRuns().stream().map(StatusJson::run).toList());
        m.put("files", files(r));
        m.put("staleAfterSeconds", r.settings().staleAfter().toSeconds());
        m.put("parks", r.parks().stream().map(StatusJson::park).toList());
        m.put("rejected", rejected(r));
        m.put("gaps", r.gaps().stream().map(StatusJson::gaps).toList());
        return m;
    }

    private static Map<String, Object> database(StatusReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", r.settings().databaseFile().toString());
        m.put("exists", r.database().isPresent() || r.databaseError() != null);
        m.put("sizeBytes", r.database().map(StoreStats.Snapshot::sizeBytes).orElse(null));
        m.put("schemaVersion", r.database().map(StoreStats.Snapshot::schemaVersion).orElse(null));
        m.put("error", r.databaseError());
        return m;
    }

    private static Map<String, Object> run(StatusReport.RunView v) {
        RunRecord r = v.run();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runId", r.runId());
        m.put("state", v.state().name());
        m.put("startedAt", r.startedAt().toString());
        m.put("endedAt", r.endedAt() == null ? null : r.endedAt().toString());
        m.put("durationSeconds", v.duration() == null ? null : seconds(v.duration()));
        m.put("outcome", r.outcome());
        m.put("exitCode", r.exitCode());
        m.put("host", r.host());
        m.put("pid", r.pid());
        m.put("token", r.token());
        m.put("filesLoaded", r.filesNew());
        m.put("filesSkipped", r.filesSkipped());
        m.put("filesFailed", r.filesFailed());
        m.put("rowsSeen", r.rowsSeen());
        m.put("rowsNew", r.rowsNew());
        m.put("rowsDuplicate", r.rowsDuplicate());
        m.put("rowsRejected", r.rowsRejected());
        m.put("rejected", byLabel(r.rejects()));
        m.put("partitionsWritten", r.partitionsWritten());
        return m;
    }

    private static Map<String, Object> files(StatusReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        StoreStats.Snapshot db = r.database().orElse(null);
        m.put("loaded", db == null ? 0 : db.filesLoaded());
        m.put("failed", db == null ? 0 : db.filesFailed());
        m.put("givenUp", r.givenUp());
        m.put("partitionsPending", db == null ? 0 : db.dirtyPartitions());
        List<Map<String, Object>> failed = new ArrayList<>();
        for (StatusReport.FailedView f : r.failedFiles()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("key", f.file().key());
            fm.put("failureCount", f.file().failureCount());
            fm.put("lastError", f.file().lastError());
            fm.put("failedAt", f.file().failedAt() == null ? null : f.file().failedAt().toString());
            fm.put("loadedAt", f.file().loadedAt() == null ? null : f.file().loadedAt().toString());
            fm.put("atRetryLimit", f.atRetryLimit());
            failed.add(fm);
        }
        m.put("failedFiles", failed);
        return m;
    }

    private static Map<String, Object> park(StatusReport.ParkFreshness p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("park", p.rows().park());
        m.put("rows", p.rows().rows());
        m.put("newestParkDate", p.rows().newestParkDate().toString());
        m.put("newestObservedAt", p.rows().newestObservedAt());
        m.put("newestFiles", p.rows().newestFiles());
        m.put("ageSeconds", p.age() == null ? null : p.age().toSeconds());
        m.put("stale", p.stale());
        m.put("future", p.future());
        return m;
    }

    private static Map<String, Object> rejected(StatusReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<StoreStats.FileRejects> files = r.database().map(StoreStats.Snapshot::rejectedByFile).orElse(List.of());
        m.put("total", files.stream().mapToLong(StoreStats.FileRejects::rejected).sum());
        m.put("byReason", byLabel(r.rejectedByReason()));
        List<Map<String, Object>> list = new ArrayList<>();
        for (StoreStats.FileRejects f : files) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("key", f.key());
            fm.put("rejected", f.rejected());
            fm.put("byReason", byLabel(f.byReason()));
            list.add(fm);
        }
        m.put("files", list);
        return m;
    }

    private static Map<String, Object> gaps(Gaps g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("park", g.park());
        m.put("firstDay", g.first().toString());
        m.put("lastDay", g.last().toString());
        m.put("daysWithRows", g.daysWithRows());
        m.put("medianRowsPerDay", g.median());
        m.put("missingDays", g.missingDays());
        m.put("missingRanges", g.missing().size());
        m.put("missing", g.missing().stream().limit(JSON_LIST_LIMIT).map(x -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("from", x.from().toString());
            rm.put("to", x.to().toString());
            rm.put("days", x.days());
            return rm;
        }).toList());
        m.put("thinDays", g.thin().size());
        m.put("thin", g.thin().stream().limit(JSON_LIST_LIMIT).map(t -> {
            Map<String, Object> tm = new LinkedHashMap<>();
            tm.put("date", t.date().toString());
            tm.put("rows", t.rows());
            return tm;
        }).toList());
        return m;
    }

    /** Reject counts keyed by their wording ("offline (-999)"), in the enum's order, zeros left out. */
    static Map<String, Long> byLabel(Map<Reject, Long> counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Reject reason : Reject.values()) {
            long n = counts.getOrDefault(reason, 0L);
            if (n > 0) m.put(reason.label(), n);
        }
        return m;
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
