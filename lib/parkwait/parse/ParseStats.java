package parkwait.parse;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts for one parsed file: records seen (blank lines excluded), rows emitted, rejects by
 * reason; and the first {@value #KEPT_PER_REASON} rejects of each reason as readable records, so
 * that a hostile file cannot make the database grow without bound (the rest are counted only).
 */
public final class ParseStats {
    /** Rejected records kept per file and reason. */
    public static final int KEPT_PER_REASON = 100;
    /** Characters kept of a rejected record's text. */
    public static final int TEXT_LIMIT = 500;

    private long recordsSeen;
    private long rowsEmitted;
    private final EnumMap<Reject, Long> rejects = new EnumMap<>(Reject.class);
    private final EnumMap<Reject, Integer> keptByReason = new EnumMap<>(Reject.class);
    private final List<RejectedRecord> kept = new ArrayList<>();
    private long notKept;

    public void seen() { recordsSeen++; }

    public void emitted() { rowsEmitted++; }

    public void reject(Reject reason) { rejects.merge(reason, 1L, Long::sum); }

    /**
     * Counts a reject of the reader's current record and keeps the record while its reason is
     * under the cap. A standby record whose two values fail is kept once per value, so that the
     * counts and the kept records always agree.
     */
    void reject(Reject reason, CsvReader r) {
        reject(reason);
        int n = keptByReason.getOrDefault(reason, 0);
        if (n >= KEPT_PER_REASON) {
            notKept++;
            return;
        }
        keptByReason.put(reason, n + 1);
        kept.add(new RejectedRecord(r.recordLine(), reason, r.text(TEXT_LIMIT)));
    }

    /** The rejected records kept (this file's only; run totals keep none), in file order. */
    public List<RejectedRecord> kept() { return List.copyOf(kept); }

    /** Rejected records counted but not kept because their reason reached the cap (run totals add them up). */
    public long notKept() { return notKept; }

    public long recordsSeen() { return recordsSeen; }

    public long rowsEmitted() { return rowsEmitted; }

    public long rejected() { return rejects.values().stream().mapToLong(Long::longValue).sum(); }

    public long rejected(Reject reason) { return rejects.getOrDefault(reason, 0L); }

    /** A copy, in the enum's order, of the non-zero reject counts. */
    public Map<Reject, Long> rejects() { return new EnumMap<>(rejects); }

    /** Adds another file's counts to these (for run totals). */
    public void add(ParseStats other) {
        recordsSeen += other.recordsSeen;
        rowsEmitted += other.rowsEmitted;
        notKept += other.notKept;
        other.rejects.forEach((r, n) -> rejects.merge(r, n, Long::sum));
    }
}
