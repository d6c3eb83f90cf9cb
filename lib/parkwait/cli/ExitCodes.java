package parkwait.cli;

/** Exit codes shared by all three scripts (DESIGN 3.6). Task Scheduler shows 75 as 0x4B. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int SOME_FILES_FAILED = 3;
    public static final int LOCKED = 75; // EX_TEMPFAIL

    private ExitCodes() {
    }
}
