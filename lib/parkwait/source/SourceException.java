package parkwait.source;

/**
 * A source cannot be used at all: the folder or bucket is missing, access is denied, the
 * credentials are missing or rejected, or the endpoint cannot be reached. The run should stop
 * at once (DESIGN 4.6: fail fast with one clear sentence), unlike a plain {@link java.io.IOException}
 * about one object, which the pipeline records as a failed file and moves on.
 *
 * <p>The message is one sentence for the user; it names the bucket, endpoint or folder and what
 * to check, and never contains a secret. The SDK's exception, if any, is kept as the cause for
 * verbose logs.
 */
public final class SourceException extends RuntimeException {

    /** What went wrong, for callers that choose an exit code or a hint. */
    public enum Kind {
        /** The local folder or the bucket does not exist. */
        NOT_FOUND,
        /** The credentials in use may not list or read the bucket. */
        ACCESS_DENIED,
        /** No credentials were found, or the store rejected them (unknown key, bad signature, expired token). */
        BAD_CREDENTIALS,
        /** The endpoint's host is unknown or refuses connections. */
        UNREACHABLE,
        /** The bucket lives in another region than the one configured. */
        WRONG_REGION,
        /** The source specification or a setting is malformed. */
        INVALID_SETTING
    }

    private final Kind kind;

    public SourceException(Kind kind, String message) {
        this(kind, message, null);
    }

    public SourceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
