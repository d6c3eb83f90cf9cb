package parkwait.store;

/**
 * What committing one source file changed.
 *
 * @param rowsNew           rows of the file that were not in the database before this load
 * @param rowsDuplicate     rows of the file already in the database (from another file, from
 *                          the file's own previous version, or repeated within the file)
 * @param rowsRemoved       rows of the file's previous version that it no longer contains and
 *                          that were deleted (DESIGN 8)
 * @param partitionsDirtied partitions whose rows changed and that are now marked dirty
 */
public record LoadResult(long rowsNew, long rowsDuplicate, long rowsRemoved, int partitionsDirtied) {
}
