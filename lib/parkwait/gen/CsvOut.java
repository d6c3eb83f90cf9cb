package parkwait.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes one CSV file as bytes, streaming: text is encoded as UTF-8 here, explicitly, and never
 * through the platform charset; numbers are written digit by digit, never through a locale.
 * Counts the bytes and the data records it wrote. Buffers 64 KiB at most.
 */
final class CsvOut implements AutoCloseable {
    private final OutputStream out;
    private final byte[] eol;
    private final byte[] buf = new byte[1 << 16];
    private int used;
    private long bytes;
    private long records;
    private boolean closed;

    /** Writes to {@code out} (closed with this) with lines ended by {@code eol}. */
    CsvOut(OutputStream out, String eol) {
        this.out = out;
        this.eol = eol.getBytes(StandardCharsets.US_ASCII);
    }

    /** Text, encoded as UTF-8. */
    CsvOut text(String s) throws IOException {
        boolean ascii = true;
        for (int i = 0; i < s.length() && ascii; i++) ascii = s.charAt(i) < 0x80;
        if (!ascii) return raw(s.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < s.length(); i++) put((byte) s.charAt(i));
        return this;
    }

    /** Bytes as they are (BOMs, Latin-1, garbage). */
    CsvOut raw(byte[] b) throws IOException {
        for (byte x : b) put(x);
        return this;
    }

    /** A decimal integer. */
    CsvOut num(long v) throws IOException {
        return text(Long.toString(v));
    }

    /** A decimal integer of at least two digits ({@code 07}). */
    CsvOut num2(int v) throws IOException {
        if (v >= 0 && v < 10) put((byte) '0');
        return num(v);
    }

    /** A field separator. */
    CsvOut comma() throws IOException {
        put((byte) ',');
        return this;
    }

    /** Ends a line that is not a data record (a header, a skipped first record). */
    CsvOut endLine() throws IOException {
        return raw(eol);
    }

    /** Ends a data record and counts it. */
    CsvOut endRecord() throws IOException {
        records++;
        return raw(eol);
    }

    /** Counts a data record whose end the caller wrote itself (a truncated last line, a lone CR). */
    void countRecord() { records++; }

    long bytes() { return bytes + used; }

    long records() { return records; }

    private void put(byte b) throws IOException {
        if (used == buf.length) flushBuffer();
        buf[used++] = b;
    }

    private void flushBuffer() throws IOException {
        out.write(buf, 0, used);
        bytes += used;
        used = 0;
    }

    @Override
    public void close() throws IOException {
        if (closed) return;
        closed = true;
        try (out) {
            flushBuffer();
        }
    }
}
