package parkwait.gen;

/**
 * One object the generator wrote.
 *
 * @param key   its key, e.g. {@code export/wait_times/wdw/soarin.csv}
 * @param kind  the folder kind it was written for (its name decides how a reader classifies it)
 * @param nasty whether it belongs to the nasty set
 * @param rows  data records written (headers and skipped first records not counted; for nasty
 *              files, the lines meant as records, good or bad)
 * @param bytes bytes written
 */
public record Written(String key, Kind kind, boolean nasty, long rows, long bytes) {
}
