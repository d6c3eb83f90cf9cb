package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvReaderTest {
    /** Records as "[f1|f2|...]", fields untrimmed, with \r and \n made visible. */
    private static String records(CsvReader r) throws IOException {
        List<String> out = new ArrayList<>();
        while (r.next()) {
            List<String> fields = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) fields.add(r.field(i).replace("\r", "\\r").replace("\n", "\\n"));
            out.add("[" + String.join("|", fields) + "]");
        }
        return String.join("", out);
    }

    private static String records(String text) throws IOException {
        return records(new CsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', quoteCharacter = '`', value = {
        "plain LF                    ~ a,b\\nc,d\\n             ~ [a|b][c|d]",
        "no final line end           ~ a,b\\nc,d               ~ [a|b][c|d]",
        "CRLF                        ~ a,b\\r\\nc,d\\r\\n       ~ [a|b][c|d]",
        "lone CR is data             ~ a\\rb,c\\n              ~ [a\\rb|c]",
        "CR before a comma is data   ~ a\\r,b\\r\\n            ~ [a\\r|b]",
        "empty fields                ~ ,,\\n                   ~ [||]",
        "blank line is one field     ~ a\\n\\nb\\n             ~ [a][][b]",
        "quoted with escaped quotes  ~ `\"a\"\"b\",c\\n`       ~ [a\"b|c]",
        "quoted comma and newline    ~ `\"a,\\nb\",c\\n`       ~ [a,\\nb|c]",
        "quoted CRLF stays data      ~ `\"a\\r\\nb\"\\r\\n`     ~ [a\\r\\nb]",
        "quote mid-field is data     ~ `a\"b,c\\n`             ~ [a\"b|c]",
        "space then quote is data    ~ ` \"a,b\"\\n`           ~ [ \"a|b\"]",
        "text after closing quote    ~ `\"ab\"cd,e\\n`         ~ [abcd|e]",
        "unterminated quote to EOF   ~ `a,\"b\\nc,d\\n`        ~ [a|b\\nc,d\\n]",
        "empty quoted field          ~ `\"\",x\\n`             ~ [|x]",
        "empty input                 ~ ``                      ~ ``",
    })
    void splitsRecordsPerRfc4180WithDesignLeniencies(String name, String input, String expected) throws IOException {
        assertEquals(expected, records(input.replace("\\r", "\r").replace("\\n", "\n")));
    }

    @Test
    void dropsALeadingByteOrderMarkOnly() throws IOException {
        byte[] bytes = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '\n'};
        assertEquals("[a|\uFEFF]", records(new CsvReader(new ByteArrayInputStream(bytes))));
    }

    @Test
    void replacesInvalidUtf8WithReplacementCharacters() throws IOException {
        byte[] bytes = {'a', (byte) 0xFF, 'b', ',', (byte) 0xC3, ',', (byte) 0xC3, (byte) 0xA9, '\n'};
        assertEquals("[a\uFFFDb|\uFFFD|é]", records(new CsvReader(new ByteArrayInputStream(bytes))));
    }

    @Test
    void streamsAcrossBufferBoundariesAndOneByteReads() throws IOException {
        // A reader that hands out one character at a time hits every state at a buffer edge.
        String text = "\uFEFFa,\"b\"\"c\r\nd\"x,\"\"\r\n\re\r\r\n\"unterminated,\r\n";
        var oneAtATime = new StringReader(text) {
            @Override public int read(char[] cbuf, int off, int len) throws IOException {
                return super.read(cbuf, off, Math.min(len, 1));
            }
        };
        String expected = "[a|b\"c\\r\\ndx|][\\re\\r][unterminated,\\r\\n]";
        assertEquals(expected, records(new CsvReader(oneAtATime)));
        assertEquals(expected, records(text));
    }

    @Test
    void readsAMillionRecordsFromAStreamWithoutHoldingTheFile() throws IOException {
        // The input is generated on the fly: a reader that buffered the whole file would still
        // pass, but this pins down that records keep coming from an endless-style source.
        long rows = 1_000_000;
        InputStream gen = new InputStream() {
            private final byte[] line = "MK101,2024-01-15T10:30,35,\r\n".getBytes(StandardCharsets.UTF_8);
            private long at;
            @Override public int read() {
                if (at >= rows * line.length) return -1;
                return line[(int) (at++ % line.length)];
            }
        };
        CsvReader r = new CsvReader(gen);
        long n = 0;
        long width = 0;
        while (r.next()) {
            n++;
            width += r.size();
        }
        assertEquals(rows, n);
        assertEquals(rows * 4, width);
    }

    @Test
    void trimsAsciiWhitespaceOnlyAndSpotsBlankRecords() throws IOException {
        CsvReader r = new CsvReader(new StringReader(" \t\u000B\f a \u00A0\n \t \n , \n"));
        r.next();
        assertEquals("a \u00A0", r.trimmed(0));
        r.next();
        assertEquals(true, r.isBlank());
        r.next();
        assertEquals(false, r.isBlank());
        assertEquals("", r.trimmed(0) + r.trimmed(1));
    }

    @Test
    void eachRecordKnowsTheLineItStartsOnAndItsTextForPeople() throws IOException {
        String text = "h1,h2\r\n\nx,\"two\nlines, \"\"q\"\"\"\r\ny,z\n \n\"open\n\nend";
        CsvReader r = new CsvReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        List<String> seen = new ArrayList<>();
        while (r.next()) seen.add(r.recordLine() + ":" + r.text(500).replace("\n", "\\n"));
        assertEquals(List.of("1:h1,h2", "2:", "3:x,\"two\\nlines, \"\"q\"\"\"", "5:y,z", "6: ", "7:\"open\\n\\nend\""), seen);

        CsvReader longOne = new CsvReader(new ByteArrayInputStream(("a," + "b".repeat(600) + ",c\n").getBytes(StandardCharsets.UTF_8)));
        longOne.next();
        assertEquals("a," + "b".repeat(8), longOne.text(10));
    }
}
