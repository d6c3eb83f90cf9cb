package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The reader's memory limits (DESIGN 7): what a field or record past them reads as. */
class CsvReaderLimitsTest {
    private static final int CAP = CsvReader.MAX_FIELD_CHARS;

    private static CsvReader reader(String text) {
        return new CsvReader(new StringReader(text));
    }

    @Test
    void aFieldPastTheLimitKeepsItsStartAndAMarkThatNoValueHolds() throws IOException {
        CsvReader r = reader("MK01," + "x".repeat(CAP + 10) + ",45\nMK02,b\n");
        assertTrue(r.next());
        assertEquals(3, r.size());
        assertEquals("x".repeat(CAP) + "\uFFFD", r.field(1));
        assertEquals("45", r.field(2), "the fields after a long one are intact");
        assertTrue(r.next());
        assertEquals("MK02", r.field(0), "and so is the next record");
    }

    @Test
    void aQuotedFieldPastTheLimitIsMarkedToo() throws IOException {
        CsvReader r = reader("\"" + "y".repeat(CAP) + "z\",1\n");
        assertTrue(r.next());
        assertEquals("y".repeat(CAP) + "\uFFFD", r.field(0));
        assertEquals("1", r.field(1));
    }

    @Test
    void whitespacePastTheLimitIsDroppedAsTrimmingWouldDropIt() throws IOException {
        CsvReader r = reader("MK01" + " ".repeat(CAP * 3) + ",\t\n" + " ".repeat(CAP * 2) + "\n");
        assertTrue(r.next());
        assertEquals("MK01", r.trimmed(0));
        assertTrue(r.next());
        assertTrue(r.isBlank(), "a line of whitespace only is still blank");
        assertFalse(r.next());
    }

    @Test
    void crlfRightAtTheLimitIsStillALineEndAndALoneCrThereIsData() throws IOException {
        String full = "a".repeat(CAP);
        CsvReader r = reader(full + "\r\n" + full + "\rb\n");
        assertTrue(r.next());
        assertEquals(full, r.field(0), "the CR of a CRLF is not data, so nothing was cut");
        assertTrue(r.next());
        assertEquals(full + "\uFFFD", r.field(0), "a lone CR and what follows it are data past the limit");
    }

    @Test
    void fieldsPastTheLimitAreNotKept() throws IOException {
        CsvReader r = reader("a" + ",b".repeat(CsvReader.MAX_FIELDS * 3) + "\nnext\n");
        assertTrue(r.next());
        assertEquals(CsvReader.MAX_FIELDS, r.size());
        assertEquals("b", r.field(CsvReader.MAX_FIELDS - 1));
        assertTrue(r.next());
        assertEquals("next", r.field(0));
    }

    @Test
    void aFiftyMillionCharacterRecordNeedsNoMoreThanTheLimits() throws IOException {
        long total = 50_000_000;
        CsvReader r = new CsvReader(new Reader() {   // streamed: the record never exists in memory
            long left = total;
            boolean head = true;

            @Override
            public int read(char[] buf, int off, int len) {
                if (head) {
                    head = false;
                    "MK01,2024-01-15 20:00:00,45,,".getChars(0, 29, buf, off);
                    return 29;
                }
                if (left == 0) return -1;
                int n = (int) Math.min(len, left);
                for (int i = 0; i < n; i++) buf[off + i] = 'q';
                left -= n;
                if (left == 0) buf[off + n - 1] = '\n';
                return n;
            }

            @Override
            public void close() {
            }
        });
        assertTrue(r.next());
        assertEquals(5, r.size());
        assertEquals("45", r.field(2));
        assertEquals(CAP + 1, r.field(4).length());
        assertTrue(r.chars().length <= 5 * (CAP + 1) + 256, "record buffer: " + r.chars().length);
        assertFalse(r.next());
    }
}
