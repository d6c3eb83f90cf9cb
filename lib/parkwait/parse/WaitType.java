package parkwait.parse;

/** The kind of a wait-time value, as written in the fact tables. */
public enum WaitType {
    POSTED, ACTUAL, PRIORITY
}
