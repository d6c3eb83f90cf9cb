package parkwait.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileKindTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "export/wait_times/wdw/7_dwarfs_train.csv,            STANDBY",
        "EXPORT/WAIT_TIMES/WDW/SOARIN.CSV,                    STANDBY",
        "export/fastpass_times/wdw/current_fastpass.csv,      NEW_FASTPASS",
        "export/fastpass_times/dlr/fastpass_2019_03.csv,      NEW_FASTPASS",
        "export/fastpass_times/wdw/fastpass_201901.csv,       OLD_FASTPASS",
        "export/fastpass_times/wdw/fastpass_201902.csv,       OLD_FASTPASS",
        "export/fastpass_times/wdw/fastpass_2019_01.csv,      OLD_FASTPASS",
        "export/fastpass_times/wdw/fastpass_2019_02.csv,      OLD_FASTPASS",
        "export/fastpass_times/wdw/FASTPASS_2012.CSV,         OLD_FASTPASS",
        "export/fastpass_times/wdw/fastpass_2018_12.csv,      OLD_FASTPASS",
        "export/fastpass_times/wdw/fastpass_201903.csv,       NEW_FASTPASS",
        "export/fastpass_times/wdw/fastpass_2011.csv,         NEW_FASTPASS",
        "export/Fastpass_Times/uor/fastpass_2020.csv,         NEW_FASTPASS",
        "export/wait_times_fastpass_times/x.csv,              STANDBY",
        "export/readme.csv,                                   UNKNOWN",
        "export/entities/wdw/entities.csv,                    UNKNOWN",
        "current_fastpass.csv,                                UNKNOWN",
        "export/wait_times/tdr/README.txt,                    UNKNOWN",
        "export/fastpass_times/wdw/current_fastpass.csv.bak,  UNKNOWN",
        "export/wait_times/wdw/SOARIN.CSV,                    STANDBY",
    })
    void classifiesKeysCaseInsensitivelyByDesignRules(String key, FileKind expected) {
        assertEquals(expected, FileKind.classify(key));
    }
}
