package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parkwait.store.Facts.allRows;
import static parkwait.store.Facts.load;
import static parkwait.store.Facts.object;
import static parkwait.store.Facts.posted;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process that dies in the middle of a load leaves its file either loaded or absent (DESIGN 4.4). */
@Tag("slow")
class StoreCrashTest {
    @TempDir Path dir;
    Path db;
    List<Partition> dirtyBefore;
    Map<String, SourceFileRecord> filesBefore;

    @BeforeEach
    void loadAFirstFile() {
        db = Facts.db(dir);
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            store.claimToken(1);
            load(store, object("a.csv", "1"), 1, posted(0, 1000));
            dirtyBefore = store.dirtyPartitions();
            filesBefore = store.sourceFiles();
        }
    }

    @Test
    void a_new_file_whose_loader_halts_before_commit_leaves_no_row_and_no_record() throws Exception {
        String out = crashWhileLoading("b.csv", "1", 1000, 30_000);
        assertTrue(out.startsWith("journal true"), "the child should have died with a hot journal: " + out);
        assertUnchanged();
    }

    @Test
    void a_changed_file_whose_loader_halts_before_commit_keeps_its_previous_rows() throws Exception {
        String out = crashWhileLoading("a.csv", "2", 500, 30_000);
        assertTrue(out.startsWith("journal true"), out);
        assertUnchanged();
    }

    private void assertUnchanged() {
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            assertEquals(posted(0, 1000), allRows(store));
            assertEquals(filesBefore, store.sourceFiles());
            assertEquals(dirtyBefore, store.dirtyPartitions());
        }
        assertTrue(Files.notExists(db.resolveSibling(db.getFileName() + "-journal")), "the hot journal was rolled back");
    }

    private String crashWhileLoading(String key, String etag, int from, int to) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashingLoad.class.getName(),
                db.toString(), key, etag, "1", String.valueOf(from), String.valueOf(to)));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(42, child.waitFor(), "the child should halt mid-load: " + out);
        return out;
    }
}
