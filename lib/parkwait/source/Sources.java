package parkwait.source;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the source named on the command line or in the configuration. */
public final class Sources {
    private Sources() {
    }

    /**
     * Checks a source before anything is created, so that a mistyped {@code --source} folder leaves
     * no output tree behind. A folder must exist; an S3 source is checked by its first listing.
     *
     * @throws SourceException as {@link #open} does
     */
    public static void check(String spec) {
        if (spec != null && spec.strip().toLowerCase(Locale.ROOT).startsWith("s3://")) return;
        open(spec, null).close();
    }

    /**
     * @param spec     {@code s3://bucket}, {@code s3://bucket/prefix}, or a local folder laid out like the bucket
     * @param defaults region, endpoint, path style, timeouts and attempts for an S3 source
     *                 (its bucket and prefix are replaced by the ones in {@code spec}); null for
     *                 {@link S3Settings#defaults()}
     * @throws SourceException if the spec is malformed, or the folder does not exist or is not a folder
     */
    public static Source open(String spec, S3Settings defaults) {
        if (spec == null || spec.isBlank()) {
            throw new SourceException(SourceException.Kind.INVALID_SETTING,
                    "No source is set: give --source s3://bucket[/prefix] or a folder.");
        }
        String s = spec.strip();
        if (s.toLowerCase(Locale.ROOT).startsWith("s3://")) {
            String rest = s.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            if (bucket.isEmpty()) {
                throw new SourceException(SourceException.Kind.INVALID_SETTING, "The source " + s
                        + " names no bucket: write it as s3://bucket or s3://bucket/prefix.");
            }
            S3Settings base = defaults != null ? defaults : S3Settings.defaults();
            return new S3Source(base.withBucket(bucket, prefix));
        }
        try {
            return new DirSource(Path.of(s));
        } catch (InvalidPathException e) {
            throw new SourceException(SourceException.Kind.INVALID_SETTING, "The source \"" + s
                    + "\" is neither s3://bucket[/prefix] nor a valid folder path.", e);
        }
    }
}
