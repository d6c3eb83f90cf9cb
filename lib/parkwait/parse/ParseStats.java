package parkwait.parse;

import java.util.EnumMap;
import java.util.Map;

/** Counts for one parsed file: records seen (blank lines excluded), rows emitted, rejects by reason. */
public final class ParseStats {
    private long recordsSeen;
    private long rowsEmitted;
    private final EnumMap<Reject, Long> rejects = new EnumMap<>(Reject.class);

    public void seen() { recordsSeen++; }

    public void emitted() { rowsEmitted++; }

    public void reject(Reject reason) { rejects.merge(reason, 1L, Long::sum); }

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
        other.rejects.forEach((r, n) -> rejects.merge(r, n, Long::sum));
    }
}
