package parkwait.cli;

/** A failure whose message is a sentence for the user, with its exit code. Never shows a stack trace. */
public class UserException extends RuntimeException {
    private final int exitCode;

    public UserException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public UserException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
