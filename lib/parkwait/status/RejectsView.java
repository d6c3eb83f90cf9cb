package parkwait.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import parkwait.cli.Printable;
import parkwait.parse.ParseStats;
import parkwait.store.RejectedRow;
import parkwait.store.RejectedRows;
import parkwait.store.StoreStats;

/**
 * status.java --rejects [KEY]: the rejected records the database keeps, per file, as text or as
 * one JSON document. Says how many of a file's rejects were only counted (the cap per reason).
 */
public final class RejectsView {
    /** Records shown at most; one file's are at most KEPT_PER_REASON per reason anyway. */
    public static final int LIMIT = 2000;

    private RejectsView() {
    }

    /** The text screen; {@code key} null for every file. */
    public static String text(RejectedRows.View v, String key) {
        StringBuilder b = new StringBuilder();
        if (!v.known()) {
            return "No source file with the key " + Printable.of(key) + " was loaded into this database. Run status.java"
                    + " --rejects without a key to see the files that have rejected records.\n";
        }
        if (v.files().isEmpty()) {
            return key == null ? "No rejected records: every record of every loaded file became rows.\n"
                    : "No rejected records in " + Printable.of(key) + ": all its records became rows.\n";
        }
        Map<String, List<RejectedRow>> byKey = byKey(v.rows());
        for (StoreStats.FileRejects f : v.files()) {
            List<RejectedRow> rows = byKey.getOrDefault(f.key(), List.of());
            b.append("== ").append(Printable.of(f.key())).append(": ").append(f.records()).append(" records, ").append(f.rejected())
                    .append(" rejected (").append(StatusText.reasons(f.byReason())).append(") ==\n");
            for (RejectedRow r : rows) {
                b.append(String.format("line %-7d %-17s %s%n", r.line(), r.reason().label(), Printable.of(r.text())));
            }
            long notKept = f.rejected() - rows.size();
            if (notKept > 0 && !v.truncated()) {
                b.append("(").append(notKept).append(" more were only counted: the first ").append(ParseStats.KEPT_PER_REASON)
                        .append(" of each reason are kept, and files loaded before this version kept none)\n");
            }
        }
        if (v.truncated()) {
            b.append("\nShown: the first ").append(LIMIT).append(" records. To see one file: status.java --rejects KEY;"
                    + " every kept record is in state/rejected_rows.csv.\n");
        }
        return b.toString();
    }

    /** The same as one JSON-ready map. */
    public static Map<String, Object> json(RejectedRows.View v, String key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        m.put("known", v.known());
        m.put("truncated", v.truncated());
        Map<String, List<RejectedRow>> byKey = byKey(v.rows());
        List<Map<String, Object>> files = new ArrayList<>();
        for (StoreStats.FileRejects f : v.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("key", f.key());
            fm.put("records", f.records());
            fm.put("rejected", f.rejected());
            fm.put("kept", byKey.getOrDefault(f.key(), List.of()).size());
            fm.put("byReason", StatusJson.byLabel(f.byReason()));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RejectedRow r : byKey.getOrDefault(f.key(), List.of())) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("line", r.line());
                rm.put("reason", r.reason().label());
                rm.put("text", r.text());
                rows.add(rm);
            }
            fm.put("rows", rows);
            files.add(fm);
        }
        m.put("files", files);
        return m;
    }

    private static Map<String, List<RejectedRow>> byKey(List<RejectedRow> rows) {
        Map<String, List<RejectedRow>> m = new LinkedHashMap<>();
        for (RejectedRow r : rows) m.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
        return m;
    }
}
