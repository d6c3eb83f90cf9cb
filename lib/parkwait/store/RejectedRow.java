package parkwait.store;

import parkwait.parse.Reject;

/**
 * A rejected record kept in the database (table {@code rejected_rows}), with the key of its file.
 *
 * @param line the 1-based line of the file where the record starts
 * @param text the record's text, at most 500 characters
 */
public record RejectedRow(String key, long line, Reject reason, String text) {
}
