package parkwait.migrate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import parkwait.parse.Reject;

/**
 * Rows of the predecessor's files that could not be read. The fact CSVs they came from are
 * rewritten from the database and the staged files are removed, so they are kept here rather
 * than lost: {@code source,line,reason,} then the row's cells as they were. Appended to.
 */
final class RejectedRows implements AutoCloseable {
    private final Path file;
    private BufferedWriter out;
    private long count;

    RejectedRows(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    long count() {
        return count;
    }

    void add(String source, long line, Reject reason, String[] cells) throws IOException {
        if (out == null) {
            boolean fresh = !Files.exists(file);
            Files.createDirectories(file.getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) out.write("source,line,reason,cells...\n");
        }
        StringBuilder b = new StringBuilder().append(quote(source)).append(',').append(line).append(',').append(quote(reason.label()));
        for (String c : cells) b.append(',').append(quote(c == null ? "" : c));
        out.write(b.append('\n').toString());
        count++;
    }

    @Override
    public void close() throws IOException {
        if (out != null) out.close();
        out = null;
    }

    private static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
