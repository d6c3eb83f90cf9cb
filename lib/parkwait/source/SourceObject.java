package parkwait.source;

import java.time.Instant;
import java.util.Comparator;

/**
 * One listed source file.
 *
 * @param key          the key relative to the source root, '/'-separated
 *                     (e.g. {@code export/wait_times/wdw/7_dwarfs_train.csv}); never used to
 *                     build a local output path
 * @param etag         S3's ETag without quotes; for a local folder a stamp of size and mtime
 * @param size         bytes
 * @param lastModified last modification time
 */
public record SourceObject(String key, String etag, long size, Instant lastModified) {

    /** Keys in code-point order, the order S3 lists them in and files are processed in (DESIGN 4.5). */
    public static Comparator<SourceObject> keyOrder() {
        return Keys.ORDER;
    }
}
