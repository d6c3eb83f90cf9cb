package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {
    private static String show(long v) {
        return v == Numbers.BAD ? "BAD" : Long.toString(v);
    }

    @ParameterizedTest(name = "[{0}] -> rounded {1}, integral {2}")
    @CsvSource({
        "7,       7,    7",
        "+7,      7,    7",
        "-0,      0,    0",
        "007,     7,    7",
        "7.0,     7,    7",
        "7.000,   7,    7",
        "7.5,     8,    BAD",
        "30.5,    31,   BAD",
        "30.49,   30,   BAD",
        "30.4999, 30,   BAD",
        "-0.5,    -1,   BAD",
        "-0.4,    0,    BAD",
        "-2.5,    -3,   BAD",
        "0.5,     1,    BAD",
        "1e3,     BAD,  BAD",
        "NaN,     BAD,  BAD",
        "0x10,    BAD,  BAD",
        "'1,000', BAD,  BAD",
        "7.,      BAD,  BAD",
        ".5,      BAD,  BAD",
        "+,       BAD,  BAD",
        "--1,     BAD,  BAD",
        "1 2,     BAD,  BAD",
        "７,      BAD,  BAD",
        "'',      BAD,  BAD",
        "99999999999999999999999, 1000000000000000, 1000000000000000",
    })
    void numbersFollowTheGrammarAndRoundHalfAwayFromZero(String cell, String rounded, String integral) {
        assertEquals(rounded, show(Numbers.rounded(cell)));
        assertEquals(integral, show(Numbers.integral(cell)));
    }
}
