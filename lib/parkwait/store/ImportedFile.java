package parkwait.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A key the predecessor listed in its {@code processed_files.json} (DESIGN 4.7), with what it
 * recorded about the version it processed. Any of etag, size and lastModified may be missing;
 * see {@link SourceFileRecord#isLoaded} for how such a key is compared with a listing.
 *
 * @param processedAt when the predecessor processed it, if it said so
 */
public record ImportedFile(String key, String etag, Long size, Instant lastModified, Instant processedAt) {
    public ImportedFile {
        Objects.requireNonNull(key, "key");
    }
}
