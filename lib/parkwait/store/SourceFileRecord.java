package parkwait.store;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import parkwait.parse.Reject;
import parkwait.source.SourceObject;

/**
 * What the database knows about one source key (table {@code source_files}).
 *
 * <p>{@code etag}, {@code size}, {@code lastModified}, the row counts, {@code rejects} and
 * {@code loadedAt} describe the version whose rows are in {@code wait_times}; they are null
 * (counts 0) if the key never loaded. A failure does not change them: the previous version's
 * rows stay, and {@code status} says FAILED until a load succeeds.
 *
 * @param failureCount failures since the last successful load (reset to 0 by a load)
 * @param runId        the run that last loaded or failed this key
 */
public record SourceFileRecord(long fileId, String key, String etag, Long size, Instant lastModified,
                               Status status, long rowsSeen, long rowsNew, long rowsDuplicate,
                               long rowsRejected, Map<Reject, Long> rejects, int failureCount,
                               String lastError, String runId, Instant loadedAt, Instant failedAt) {

    /** The outcome of the key's last attempt. */
    public enum Status { LOADED, FAILED }

    public SourceFileRecord {
        rejects = Map.copyOf(rejects);
    }

    /** {@code runId} of keys imported from the predecessor's processed_files.json (DESIGN 4.7). */
    public static final String IMPORTED_RUN_ID = "predecessor-import";

    /** True for a record imported from the predecessor rather than made by a load of ours. */
    public boolean isImported() {
        return IMPORTED_RUN_ID.equals(runId);
    }

    /**
     * True if this key's last attempt loaded exactly the listed version (DESIGN 4.1: skip it).
     * A record imported from the predecessor is compared on the fields it has: its list may lack
     * the size or the date (then the ETag decides), or hold bare keys (then the key alone does,
     * as it did for the predecessor, until the key is loaded by this program).
     */
    public boolean isLoaded(SourceObject obj) {
        if (status != Status.LOADED || !key.equals(obj.key())) return false;
        if (isImported()) {
            return (etag == null || etag.equals(obj.etag())) && (size == null || size == obj.size())
                    && (lastModified == null || lastModified.equals(obj.lastModified()));
        }
        return Objects.equals(etag, obj.etag()) && size != null && size == obj.size()
                && Objects.equals(lastModified, obj.lastModified());
    }
}
