package parkwait.parse;

import java.util.List;
import java.util.Locale;

/** The three formats of the exports, and keys that are none of them (DESIGN 4.2). */
public enum FileKind {
    STANDBY, NEW_FASTPASS, OLD_FASTPASS, UNKNOWN;

    /** Markers of old-format priority files, matched on the lower-cased key. */
    private static final List<String> OLD_MARKERS = List.of("_2012", "_2013", "_2014", "_2015", "_2016", "_2017",
            "_2018", "_2019_01", "_2019_02", "_201901", "_201902");

    /** Classifies a key by its name alone. Non-CSV keys are filtered out earlier, by the source. */
    public static FileKind classify(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("wait_times")) return STANDBY;
        if (k.contains("fastpass_times")) {
            for (String m : OLD_MARKERS) if (k.contains(m)) return OLD_FASTPASS;
            return NEW_FASTPASS;
        }
        return UNKNOWN;
    }
}
