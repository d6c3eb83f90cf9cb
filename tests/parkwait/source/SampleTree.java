package parkwait.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A small folder laid out like the bucket, with the traps a listing must get right. */
final class SampleTree {
    /** The properties the tests ask for. */
    static final List<String> PROPERTIES = List.of("wdw", "dlr");

    /**
     * What listing {@link #PROPERTIES} must return, in code-point order: every file under the
     * properties' folders, CSV or not (the plan reports the others as not wait-time files).
     */
    static final List<String> EXPECTED_KEYS = List.of(
            "export/fastpass_times/dlr/space_mountain_2019_03.csv",
            "export/fastpass_times/wdw/current_fastpass.csv",
            "export/fastpass_times/wdw/seven_dwarfs_2018.csv",
            "export/wait_times/dlr/matterhorn.csv",
            "export/wait_times/wdw/SOARIN.CSV",
            "export/wait_times/wdw/a01.csv",
            "export/wait_times/wdw/a01.csv.bak",
            "export/wait_times/wdw/a02.csv",
            "export/wait_times/wdw/a03.csv",
            "export/wait_times/wdw/a04.csv",
            "export/wait_times/wdw/a05.csv",
            "export/wait_times/wdw/a06.csv",
            "export/wait_times/wdw/archive/2015/old.Csv",
            "export/wait_times/wdw/readme.txt");

    /** Present in the tree, never listed. */
    static final List<String> DECOYS = List.of(
            "export/wait_times/wdwx/fake.csv",             // another property that starts the same
            "export/wait_times/uor/hagrid.csv",            // a property not asked for
            "export/fastpass_times/uor/current_fastpass.csv",
            "export/other/wdw/x.csv",                      // outside both folders
            "wait_times/wdw/y.csv",                        // not under export/
            "top.csv");

    private SampleTree() {
    }

    /** Writes every expected key and decoy under {@code root}; each file's content names its key. */
    static Path write(Path root) throws IOException {
        for (String key : EXPECTED_KEYS) write(root, key, content(key));
        for (String key : DECOYS) write(root, key, content(key));
        return root;
    }

    static String content(String key) {
        return "park,ride,date,wait\n" + key + ",x,2019-03-01,15\n";
    }

    static Path write(Path root, String key, String content) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    static List<String> keys(List<SourceObject> objects) {
        return objects.stream().map(SourceObject::key).toList();
    }
}
