package parkwait.lock;

/** Another live run holds the lock (exit 75). Carries the verdict so the message can name the holder. */
public final class LockBusyException extends RuntimeException {
    private final transient Verdict verdict;
    private final java.time.Duration waited;

    public LockBusyException(Verdict verdict, String message) {
        this(verdict, message, java.time.Duration.ZERO);
    }

    /** @param waited how long the run waited for the lock (--wait) before giving up */
    public LockBusyException(Verdict verdict, String message, java.time.Duration waited) {
        super(message);
        this.verdict = verdict;
        this.waited = waited;
    }

    public Verdict verdict() {
        return verdict;
    }

    public java.time.Duration waited() {
        return waited;
    }

    /** The same refusal with a sentence added (what to type next). */
    public LockBusyException advised(String advice) {
        LockBusyException e = new LockBusyException(verdict, getMessage() + " " + advice, waited);
        e.setStackTrace(getStackTrace());
        return e;
    }
}
