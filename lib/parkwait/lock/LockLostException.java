package parkwait.lock;

/** This run no longer holds the lock (cleared with --force, or taken over); it must stop before writing. */
public final class LockLostException extends RuntimeException {
    public LockLostException(String message) {
        super(message);
    }
}
