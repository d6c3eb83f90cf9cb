package parkwait.pipeline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import parkwait.source.S3Settings;
import parkwait.store.StoreOptions;

/**
 * Everything one run needs, already resolved from the config file and the command line.
 *
 * @param source             {@code s3://bucket[/prefix]} or a local folder laid out like the bucket
 * @param command            the redacted command line, recorded in the lock
 * @param maxFailures        a file failed this often and ...
 * @param skipFailedAfter    ... last modified longer ago than this is skipped (DESIGN 4.6)
 */
public record IngestOptions(String source, S3Settings s3, List<String> properties, Path outputBase, Path stateDir,
                            boolean fullRebuild, int sampleK, int maxFailures, Duration skipFailedAfter,
                            Map<String, ZoneId> zones, StoreOptions.JournalMode journalMode, Duration lockWait,
                            String command) {

    public Path database() {
        return stateDir.resolve("wait_times.sqlite");
    }
}
