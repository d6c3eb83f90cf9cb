package parkwait.lock;

/** The lock cannot be taken at all: a folder in its place, a read-only or missing state folder (exit 1). */
public final class LockUnusableException extends RuntimeException {
    public LockUnusableException(String message, Throwable cause) {
        super(message, cause);
    }
}
