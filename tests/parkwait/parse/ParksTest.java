package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParksTest {
    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource({
        "export/wait_times/wdw/soarin.csv,               wdw",
        "export/wait_times/USH/x.csv,                    ush",
        "export/fastpass_times/tdr/current_fastpass.csv, tdr",
        "export/fastpass_times/dlr/sub/x.csv,            dlr",
        "export/wait_times/xyz/x.csv,                    ''",
        "export/wait_times/wdw.csv,                      ''",
        "export/entities/wdw/x.csv,                      ''",
    })
    void propertyIsTheSegmentAfterTheTreeWhenItIsKnown(String key, String expected) {
        assertEquals(expected, Parks.propertyOfKey(key).orElse(""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "wdw, America/New_York", "uor, America/New_York",
        "dlr, America/Los_Angeles", "ush, America/Los_Angeles", "tdr, Asia/Tokyo",
    })
    void defaultZonesPutUniversalHollywoodInLosAngeles(String property, String zone) {
        assertEquals(ZoneId.of(zone), Parks.defaultZone(property));
    }

    @Test
    void unknownPropertyHasNoZone() {
        assertThrows(IllegalArgumentException.class, () -> Parks.defaultZone("xyz"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "MK101, mk", "EP09, ep", "HS1, hs", "AK7, ak", "BB1, bb", "TL2, tl", "DL30, dl",
        "CA4, ca", "TDL12, tdl", "TDS3, tds", "IA1, ia", "UF8, uf", "EU5, eu",
        "USH1, uh", "ABCDE1, abcde", "Q9, q",
    })
    void parkCodeMapsThePrefixAndLowerCasesUnknownOnes(String entity, String park) {
        assertEquals(park, Parks.parkCode(entity));
    }

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource({
        "MK101, MK101", "mk101, MK101", "uSh7, USH7", "ABCDE12, ABCDE12",
        "ABCDEF1, ''", "MK, ''", "101, ''", "'../X1', ''", "'=1+1', ''", "MK-1, ''",
        "MK1A, ''", "ÄK1, ''", "MK１, ''", "ıK1, ''",
    })
    void entityCodesAreUpperCasedAsciiAndMatchLettersThenDigits(String cell, String expected) {
        assertEquals(expected, Parks.entityCode(cell).orElse(""));
    }
}
