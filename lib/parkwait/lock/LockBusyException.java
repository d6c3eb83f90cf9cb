package parkwait.lock;

/** Another live run holds the lock (exit 75). Carries the verdict so the message can name the holder. */
public final class LockBusyException extends RuntimeException {
    private final transient Verdict verdict;

    public LockBusyException(Verdict verdict, String message) {
        super(message);
        this.verdict = verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
