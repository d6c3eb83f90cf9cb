package parkwait.parse;

/**
 * One rejected record as people can read it: where it starts in its file, why it was rejected,
 * and its text (at most {@link ParseStats#TEXT_LIMIT} characters; see {@link CsvReader#text}).
 *
 * @param line the 1-based line of the file where the record starts (the header is line 1)
 */
public record RejectedRecord(long line, Reject reason, String text) {
}
