package parkwait.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams the records of a CSV file (DESIGN 4.3, RFC 4180 with the design's leniencies).
 *
 * <p>UTF-8 with malformed bytes replaced by U+FFFD; a leading BOM dropped; records end at LF or
 * CRLF, a lone CR is data; a quote opens a quoted field only as the field's first character,
 * {@code ""} inside it is a quote, text after the closing quote is kept as data, and an
 * unterminated quoted field runs to the end of the file. Not thread-safe; does not close the
 * stream it was given unless {@link #close()} is called.
 *
 * <p>Memory is bounded by two limits, never by the file (DESIGN 7): a record keeps its first
 * {@value #MAX_FIELDS} fields, and a field its first {@value #MAX_FIELD_CHARS} characters. A
 * field cut short because more than ASCII whitespace followed reads as its kept characters plus
 * U+FFFD, which no entity code, time or number contains, so a parser that reads it rejects it
 * under the reason it would give any junk in that column; a field the parser never reads (such
 * as a 50 MB {@code user_id}) rejects nothing (DESIGN 4.3). Whitespace past the limit is dropped,
 * as trimming would drop it.
 */
public final class CsvReader implements Closeable {
    private static final int FIELD_START = 0, UNQUOTED = 1, QUOTED = 2, QUOTE_IN_QUOTED = 3;
    /** Characters kept per field; real cells are a few dozen at most. */
    static final int MAX_FIELD_CHARS = 4096;
    /** Fields kept per record; the formats have 5 to 12 columns. */
    static final int MAX_FIELDS = 512;
    /** Marks a field that was cut short: it is not ASCII whitespace, and no valid value holds it. */
    private static final char CUT = '\uFFFD';

    private final Reader reader;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private boolean atFileStart = true;

    // The current record: its characters, one after another, and each field's [start, end).
    private char[] rec = new char[256];
    private int recLen;
    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int fields;
    private int fieldStart;    // rec index where the current field starts
    private boolean cut;       // the current field lost more than whitespace to MAX_FIELD_CHARS
    private long recordNumber;
    private long linesEnded;   // LFs consumed so far: a record's first line is linesEnded + 1
    private long recordLine;

    /** Reads {@code in} as UTF-8, replacing malformed input rather than failing. */
    public CsvReader(InputStream in) {
        // DESIGN 4.3: bytes that are not valid UTF-8 become U+FFFD; the file is never rejected.
        this(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    /** Reads already-decoded characters (a leading U+FEFF is still dropped). */
    public CsvReader(Reader reader) {
        this.reader = reader;
    }

    /**
     * Advances to the next record.
     *
     * @return false at the end of the input (a final line without a line end is a record)
     */
    public boolean next() throws IOException {
        recLen = 0;
        fields = 0;
        int state = FIELD_START;
        fieldStart = 0;
        cut = false;
        int crAt = -1;             // rec index of an unquoted CR just appended, to undo for CRLF
        boolean any = false;       // anything consumed for this record
        recordLine = linesEnded + 1;
        while (true) {
            if (pos >= limit && !fill()) break;
            any = true;
            if (state == UNQUOTED || state == FIELD_START) {
                char c = buf[pos];
                if (state == FIELD_START && c == '"') {
                    state = QUOTED;
                    pos++;
                    continue;
                }
                state = UNQUOTED;
                // Copy the run of ordinary characters in one go: this is the hot loop.
                int from = pos;
                int i = pos;
                while (i < limit && (c = buf[i]) != ',' && c != '\n' && c != '\r') i++;
                append(from, i);
                if (i > from) crAt = -1;      // data after a CR (kept or dropped): the CR stays data
                pos = i;
                if (i == limit) continue;
                pos++;
                if (c == ',') {
                    endField();
                    state = FIELD_START;
                } else if (c == '\r') {
                    // DESIGN 4.3: a lone CR is data ...
                    crAt = appendChar('\r') ? recLen - 1 : -1;
                } else {                      // '\n'
                    linesEnded++;
                    if (crAt == recLen - 1 && crAt >= fieldStart) recLen--;  // ... CRLF is a line end
                    endField();
                    recordNumber++;
                    return true;
                }
            } else if (state == QUOTED) {
                int from = pos;
                int i = pos;
                while (i < limit && buf[i] != '"') {
                    if (buf[i] == '\n') linesEnded++;   // a line break inside quotes: the record goes on
                    i++;
                }
                append(from, i);
                pos = i;
                if (i < limit) {
                    pos++;
                    state = QUOTE_IN_QUOTED;
                }
            } else {                          // QUOTE_IN_QUOTED: a quote was just seen
                if (buf[pos] == '"') {
                    appendChar('"');          // "" is an escaped quote
                    pos++;
                    state = QUOTED;
                } else {
                    state = UNQUOTED;         // closing quote; what follows is handled unquoted
                    crAt = -1;
                }
            }
        }
        if (!any) return false;
        endField();                           // last record without a line end, or open quote
        recordNumber++;
        return true;
    }

    /** Number of fields in the current record (at least 1, at most {@value #MAX_FIELDS}). */
    public int size() {
        return fields;
    }

    /** The 1-based number of the current record in the file, blank records included. */
    public long recordNumber() {
        return recordNumber;
    }

    /** The 1-based line (counted in LFs) where the current record starts; a quoted line break makes a record span lines. */
    public long recordLine() {
        return recordLine;
    }

    /**
     * The current record as text for people: its fields as read, joined by commas and quoted as in
     * CSV where needed, at most {@code max} characters. Not byte for byte the file: bytes that were
     * not UTF-8 are U+FFFD, and the limits of the class apply.
     */
    public String text(int max) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields && b.length() < max; i++) {
            if (i > 0) b.append(',');
            int s = starts[i];
            int e = Math.min(ends[i], s + max);
            boolean quote = false;
            for (int k = s; k < e && !quote; k++) {
                char c = rec[k];
                quote = c == ',' || c == '"' || c == '\n' || c == '\r';
            }
            if (quote) b.append('"');
            for (int k = s; k < e; k++) {
                if (rec[k] == '"') b.append('"');
                b.append(rec[k]);
            }
            if (quote && e == ends[i]) b.append('"');
        }
        return b.length() > max ? b.substring(0, max) : b.toString();
    }

    /** Field {@code i} as read (quotes removed, not trimmed; cut short as the class says). */
    public String field(int i) {
        return new String(rec, starts[i], ends[i] - starts[i]);
    }

    /** Field {@code i} trimmed of ASCII whitespace (DESIGN 4.3); empty means missing. */
    public String trimmed(int i) {
        int s = trimStart(i);
        int e = trimEnd(i);
        return s >= e ? "" : new String(rec, s, e - s);
    }

    /** True when the record is a single field that is empty after trimming (DESIGN 4.3). */
    public boolean isBlank() {
        return fields == 1 && trimStart(0) >= trimEnd(0);
    }

    /** The current record's characters; valid until the next {@link #next()}. */
    char[] chars() {
        return rec;
    }

    /** Start of field {@code i} in {@link #chars()} after trimming. */
    int trimStart(int i) {
        int s = starts[i];
        int e = ends[i];
        while (s < e && isAsciiSpace(rec[s])) s++;
        return s;
    }

    /** End (exclusive) of field {@code i} in {@link #chars()} after trimming. */
    int trimEnd(int i) {
        int s = starts[i];
        int e = ends[i];
        while (e > s && isAsciiSpace(rec[e - 1])) e--;
        return e;
    }

    /** DESIGN 4.3: space, tab, CR, LF, VT, FF; nothing else (no NBSP). */
    static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == 0x0B || c == '\f';
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private boolean fill() throws IOException {
        if (eof) return false;
        int n;
        do {
            n = reader.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        if (atFileStart) {
            atFileStart = false;
            if (buf[0] == '\uFEFF') pos = 1;  // DESIGN 4.3: a BOM at the start is dropped
            if (pos >= limit) return fill();
        }
        return true;
    }

    /** Appends buf[from, to) to the current field, up to the limits; notes a cut if non-whitespace is dropped. */
    private void append(int from, int to) {
        int n = to - from;
        if (n == 0) return;
        int keep = Math.min(n, room());
        if (keep > 0) {
            ensure(keep);
            System.arraycopy(buf, from, rec, recLen, keep);
            recLen += keep;
        }
        for (int i = from + keep; i < to && !cut; i++) cut = !isAsciiSpace(buf[i]);
    }

    /** Appends one character if the limits allow; returns whether it was kept. */
    private boolean appendChar(char c) {
        if (room() <= 0) {
            if (!isAsciiSpace(c)) cut = true;
            return false;
        }
        ensure(1);
        rec[recLen++] = c;
        return true;
    }

    /** Characters the current field may still keep. */
    private int room() {
        return fields < MAX_FIELDS ? MAX_FIELD_CHARS - (recLen - fieldStart) : 0;
    }

    private void ensure(int extra) {
        if (recLen + extra > rec.length) {
            rec = Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + extra));
        }
    }

    /** Closes the current field and starts the next one at the end of the record. */
    private void endField() {
        if (fields >= MAX_FIELDS) {           // past the limit: counted nowhere, kept nowhere
            recLen = fieldStart;
            cut = false;
            return;
        }
        if (cut) appendCharUnchecked(CUT);
        cut = false;
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            ends = Arrays.copyOf(ends, fields * 2);
        }
        starts[fields] = fieldStart;
        ends[fields] = recLen;
        fields++;
        fieldStart = recLen;
    }

    private void appendCharUnchecked(char c) {
        ensure(1);
        rec[recLen++] = c;
    }
}
