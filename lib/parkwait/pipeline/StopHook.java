package parkwait.pipeline;

import java.nio.file.Path;
import parkwait.export.PartitionFiles;

/**
 * While a run works: if the process is stopped from outside (SIGTERM, Ctrl+C, a shutdown), say so
 * in the run's log, which a scheduled run's only reader sees, and remove the temp files this
 * program names under fact_tables/clean. The lock's own hook releases the lock; SQLite rolls back
 * the open transaction by itself. kill -9 runs no hook: the next run then cleans up instead.
 */
final class StopHook implements AutoCloseable {
    private final Thread hook;

    private StopHook(Thread hook) {
        this.hook = hook;
    }

    static StopHook install(RunLog log, Path cleanRoot) {
        Thread hook = new Thread(() -> {
            log.ended("The run was stopped from outside (SIGTERM, Ctrl+C or a shutdown) before it finished. Nothing"
                    + " committed is lost: the file being loaded was rolled back, and the next run loads it and"
                    + " writes the CSVs still marked.", new RuntimeException("stopped"));
            try {
                int removed = PartitionFiles.removeLeftoverTemps(cleanRoot);
                if (removed > 0) log.detail("Removed " + removed + " temp files of this run on the way out.");
            } catch (java.io.IOException | RuntimeException e) {
                // Best effort: a temp file being written right now is removed by the next run.
            }
        }, "parkwait-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopHook(hook);
    }

    /** The run ended by itself: nothing to say on the way out. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is running or has run
        }
    }
}
