package parkwait.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams CSV records by the rules of DESIGN 4.3: UTF-8 with bad bytes as U+FFFD, a leading BOM
 * dropped, records ended by LF or CRLF (a lone CR is data), RFC 4180 quoting where a quote opens
 * a quoted field only as its first character, and an unterminated quote running to the end.
 * Memory is one record, however large the file.
 */
final class CsvReader {
    private final Reader in;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int len;
    private boolean eof;
    private boolean started;
    private final StringBuilder field = new StringBuilder(64);
    private final List<String> record = new ArrayList<>(16);

    CsvReader(InputStream bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.in = new InputStreamReader(bytes, decoder);
    }

    /** The next record's fields (a reused list: copy what you keep), or null at the end. */
    List<String> next() throws IOException {
        if (!started) {
            started = true;
            if (peek() == '\uFEFF') pos++;
        }
        if (peek() < 0) return null;
        record.clear();
        field.setLength(0);
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (c < 0) {
                record.add(field.toString());
                return record;
            }
            if (quoted) {
                if (c == '"') {
                    if (peek() == '"') {
                        pos++;
                        field.append('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append((char) c);
                }
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                fieldStart = true;
            } else if (c == '\n') {
                record.add(field.toString());
                return record;
            } else if (c == '\r' && peek() == '\n') {
                pos++;
                record.add(field.toString());
                return record;
            } else {
                field.append((char) c);
                fieldStart = false;
            }
        }
    }

    private int read() throws IOException {
        if (pos >= len && !fill()) return -1;
        return buf[pos++];
    }

    private int peek() throws IOException {
        if (pos >= len && !fill()) return -1;
        return buf[pos];
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int r;
        do {
            r = in.read(buf, 0, buf.length);
        } while (r == 0);
        if (r < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        len = r;
        return true;
    }

    /** A record that is one field, empty after trimming: a blank line, skipped and not counted. */
    static boolean isBlank(List<String> record) {
        return record.size() == 1 && Cells.trim(record.get(0)).isEmpty();
    }
}
