package parkwait.migrate;

/**
 * What {@link Predecessor#importAll} did.
 *
 * @param imported         the predecessor's output was imported in this call (false: done before, or nothing there)
 * @param complete         everything found could be read (false: the import is tried again next run)
 * @param dedupeRows       rows of {@code dedupe_keys} read
 * @param factRows         rows of the fact CSVs read
 * @param rowsNew          rows new to the database, from both
 * @param rowsSkipped      rows that could not be read, kept in {@link Predecessor#REJECTED_FILE}
 * @param processedKeys    keys in processed_files.json
 * @param processedKeysNew of those, keys the database did not know; they are not downloaded again
 * @param stagedFiles      staged CSVs loaded and removed
 * @param stagedRows       rows in them
 * @param stagedRowsNew    of those, rows new to the database
 */
public record ImportReport(boolean imported, boolean complete, long dedupeRows, long factRows, long rowsNew,
                           long rowsSkipped, long processedKeys, long processedKeysNew, int stagedFiles,
                           long stagedRows, long stagedRowsNew) {
}
