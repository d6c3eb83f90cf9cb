package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    @Test
    void unknownFilesCannotBeParsed() {
        assertThrows(IllegalArgumentException.class, () -> Parser.parse(FileKind.UNKNOWN,
                new ByteArrayInputStream(new byte[0]), ParseFixture.NEW_YORK, row -> { }));
    }

    @Test
    void aReadFailureMidFileReachesTheCallerAndNoPriorityRowReachesTheSink() {
        byte[] head = "FATTID,FDAY,FMONTH,FYEAR,FHOUR,FMIN,FWINHR,FWINMIN\nMK1,15,1,2024,10,30,11,0\n"
                .getBytes(StandardCharsets.UTF_8);
        InputStream failing = new InputStream() {
            @Override public int read() throws IOException {
                throw new IOException("Connection reset");
            }
        };
        List<FactRow> rows = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> Parser.parse(FileKind.NEW_FASTPASS,
                new SequenceInputStream(new ByteArrayInputStream(head), failing), ParseFixture.NEW_YORK, rows::add));
        assertEquals("Connection reset", e.getMessage());
        assertEquals(List.of(), rows);
    }

    @Test
    void theSameFileGivesTheSameRowsWhicheverZoneObjectIsPassed() {
        String csv = "entity_code,observed_at,submitted_posted_time,submitted_actual_time\nMK1,2024-01-15T10:30,5,\n";
        var a = ParseFixture.parse(FileKind.STANDBY, csv, Parks.defaultZone("wdw"));
        var b = ParseFixture.parse(FileKind.STANDBY, csv, ParseFixture.NEW_YORK);
        assertEquals(List.of("MK1,2024-01-15T10:30:00-05:00,POSTED,5,mk,2024-01-15"), a.rows());
        assertEquals(a, b);
    }
}
