package parkwait.store;

/**
 * A write was refused because a newer run has claimed the database (DESIGN 3.4). Nothing of the
 * refused write was committed. The run that gets this must stop at once.
 */
public final class FencedException extends RuntimeException {
    private final long token;
    private final long highestToken;

    public FencedException(long token, long highestToken) {
        super("This run's fencing token " + token + " is older than token " + highestToken
                + " already recorded in the database: a newer run has taken over, so this run"
                + " stops without writing anything more.");
        this.token = token;
        this.highestToken = highestToken;
    }

    /** The token of the run that was refused. */
    public long token() { return token; }

    /** The newer token found in the database. */
    public long highestToken() { return highestToken; }
}
