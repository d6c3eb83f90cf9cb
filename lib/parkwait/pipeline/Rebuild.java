package parkwait.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import parkwait.config.Config;
import parkwait.parse.Parks;
import parkwait.source.SourceObject;
import parkwait.store.SourceFileRecord;
import parkwait.store.Store;

/**
 * {@code --full-rebuild}: with every property, the database forgets every file and reads all again;
 * with {@code --props}, only the files of those properties are read again, and the others stay as
 * they are. Either way, files gone from the source lose their rows, and the run says how many per property.
 */
final class Rebuild {
    private Rebuild() {
    }

    static void prepare(Store store, List<String> properties, List<SourceObject> listing, long token, RunLog log) {
        Set<String> listed = listing.stream().map(SourceObject::key).collect(Collectors.toSet());
        List<String> reload = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        for (SourceFileRecord rec : store.sourceFiles().values()) {
            String property = Parks.propertyOfKey(rec.key()).orElse(null);
            if (property == null || !properties.contains(property)) continue;
            (listed.contains(rec.key()) ? reload : gone).add(rec.key());
        }
        Map<String, Long> onlyIn = store.rowsOnlyIn(gone);
        boolean all = properties.containsAll(Config.ALL_PROPS);
        if (all) {
            log.info("Full rebuild: forgetting every loaded file; all files are read again.");
            store.markAllDirty(token);
            store.forgetAllFiles(token);
        } else {
            log.info("Full rebuild of " + String.join(",", properties) + ": their " + reload.size()
                    + " loaded files are read again; other properties stay as they are.");
            store.forgetFiles(reload, gone, token);
        }
        Map<String, long[]> byProperty = new TreeMap<>(); // files, rows
        for (String key : gone) {
            long[] c = byProperty.computeIfAbsent(Parks.propertyOfKey(key).orElseThrow(), p -> new long[2]);
            c[0]++;
            c[1] += onlyIn.getOrDefault(key, 0L);
        }
        byProperty.forEach((property, c) -> log.warn("Full rebuild of " + property + ": " + c[0] + " loaded "
                + (c[0] == 1 ? "file is" : "files are") + " no longer in the source, so " + c[1]
                + " rows that only " + (c[0] == 1 ? "it" : "they") + " held were removed (the list of removed files is in"
                + " the log file)."));
        for (String key : gone) log.detail("  no longer in the source: " + key + " (" + onlyIn.getOrDefault(key, 0L) + " rows)");
    }
}
