package parkwait.parse;

import java.util.Locale;

/**
 * The format of a source file, decided from its key alone (DESIGN 4.2).
 * {@link #UNKNOWN} files are skipped and reported, never fatal.
 */
public enum FileKind {
    /** Standby export with a header: posted and actual waits. */
    STANDBY,
    /** Fastpass export with a header, possibly compact hours. */
    NEW_FASTPASS,
    /** Fastpass export before 2019-03: positional columns, first record skipped. */
    OLD_FASTPASS,
    /** Anything else. */
    UNKNOWN;

    // DESIGN 4.2: these markers in the lower-cased key mean the old positional fastpass format.
    private static final String[] OLD_FASTPASS_MARKERS = {
        "_2012", "_2013", "_2014", "_2015", "_2016", "_2017", "_2018",
        "_2019_01", "_2019_02", "_201901", "_201902"
    };

    /** Classifies a key (an S3 key or a relative path with {@code /} separators), case-insensitively. */
    public static FileKind classify(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (!k.endsWith(".csv")) return UNKNOWN; // README.txt, .DS_Store...: reported as not wait-time files
        // DESIGN 4.2: rules apply in this order; a key naming both trees is standby.
        if (k.contains("wait_times")) return STANDBY;
        if (!k.contains("fastpass_times")) return UNKNOWN;
        for (String marker : OLD_FASTPASS_MARKERS) {
            if (k.contains(marker)) return OLD_FASTPASS;
        }
        return NEW_FASTPASS;
    }
}
