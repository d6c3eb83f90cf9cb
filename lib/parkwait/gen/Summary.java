package parkwait.gen;

import java.util.List;

/**
 * What one generation wrote, in the order written.
 *
 * @param files every object written
 */
public record Summary(List<Written> files) {

    public Summary {
        files = List.copyOf(files);
    }

    /** Data records in the regular files: exactly the spec's {@code rows}. */
    public long regularRows() {
        return files.stream().filter(w -> !w.nasty()).mapToLong(Written::rows).sum();
    }

    /** Data records in all files, nasty ones included. */
    public long rows() { return files.stream().mapToLong(Written::rows).sum(); }

    /** Bytes in all files. */
    public long bytes() { return files.stream().mapToLong(Written::bytes).sum(); }

    /** One line for people: {@code 40 files (15 regular, 25 nasty), 612 rows, 51234 bytes}. */
    public String describe() {
        long nasty = files.stream().filter(Written::nasty).count();
        return count(files.size(), "file") + " (" + (files.size() - nasty) + " regular, " + nasty + " nasty), "
                + count(rows(), "row") + " (" + regularRows() + " regular), " + count(bytes(), "byte");
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
