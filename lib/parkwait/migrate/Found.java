package parkwait.migrate;

import java.nio.file.Path;
import java.util.List;

/**
 * What of the predecessor's output is in an output folder (DESIGN 4.7). Paths are null when
 * absent; lists are sorted by path.
 *
 * @param dedupeDb       {@code state/dedupe.sqlite}
 * @param factCsvs       {@code fact_tables/clean/YYYY-MM/*.csv}
 * @param processedFiles {@code state/processed_files.json}
 * @param failedFiles    {@code state/failed_files.json} (not imported: its keys are simply tried again)
 * @param textLock       {@code state/processing.lock} when it is in the predecessor's text format
 * @param staged         {@code staging/queue_times/*.csv}, waiting to be loaded
 */
public record Found(Path outputBase, Path dedupeDb, List<Path> factCsvs, Path processedFiles, Path failedFiles,
                    Path textLock, List<Path> staged) {

    public Found {
        factCsvs = List.copyOf(factCsvs);
        staged = List.copyOf(staged);
    }

    /** True when there is output to import (rows or a processed-files list). */
    public boolean hasOutput() {
        return dedupeDb != null || !factCsvs.isEmpty() || processedFiles != null;
    }

    /** "12 fact CSV files, state/dedupe.sqlite, state/processed_files.json" or "nothing". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!factCsvs.isEmpty()) b.append(factCsvs.size()).append(" fact CSV files");
        for (Path p : new Path[] {dedupeDb, processedFiles, failedFiles, textLock}) {
            if (p == null) continue;
            if (b.length() > 0) b.append(", ");
            b.append(outputBase.relativize(p).toString().replace('\\', '/'));
        }
        if (!staged.isEmpty()) b.append(b.length() > 0 ? ", " : "").append(staged.size()).append(" staged CSV files");
        return b.length() == 0 ? "nothing" : b.toString();
    }
}
