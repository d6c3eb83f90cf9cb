package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parkwait.store.Facts.allRows;
import static parkwait.store.Facts.load;
import static parkwait.store.Facts.object;
import static parkwait.store.Facts.posted;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;
import parkwait.parse.Reject;
import parkwait.parse.WaitType;
import parkwait.source.SourceObject;

class FileLoadTest {
    @TempDir Path dir;
    Store store;

    @BeforeEach
    void open() {
        store = Store.open(Facts.db(dir), StoreOptions.defaults());
        store.claimToken(1);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void clearAllDirty() {
        for (Partition p : store.dirtyPartitions()) store.clearDirty(p, 1);
    }

    @Test
    void loading_a_file_inserts_its_rows_records_it_and_marks_its_partitions_dirty() {
        List<FactRow> rows = new ArrayList<>(posted(0, 3000));
        rows.add(Facts.row("EP5", "2024-01-16T05:59:59-05:00", WaitType.ACTUAL, 7)); // park date 2024-01-15
        rows.add(Facts.row("EP5", "2024-01-16T06:00:00-05:00", WaitType.ACTUAL, 8));
        SourceObject obj = object("export/wait_times/wdw/a.csv", "e1");
        ParseStats stats = new ParseStats();
        stats.seen();
        stats.reject(Reject.BAD_NUMBER);
        LoadResult result;
        try (FileLoad load = store.beginFile(obj, 1, "run-1")) {
            for (FactRow r : rows) {
                stats.seen();
                load.add(r);
            }
            result = load.commit(stats);
        }

        assertEquals(new LoadResult(3002, 0, 0, 3), result);
        assertEquals(List.of(new Partition("ep", LocalDate.of(2024, 1, 15)), new Partition("ep", LocalDate.of(2024, 1, 16)),
                new Partition("mk", LocalDate.of(2024, 1, 15))), store.dirtyPartitions());
        assertEquals(Set.copyOf(rows), Set.copyOf(allRows(store)));
        SourceFileRecord rec = store.sourceFiles().get(obj.key());
        assertEquals(new SourceFileRecord(rec.fileId(), obj.key(), "e1", obj.size(), obj.lastModified(),
                SourceFileRecord.Status.LOADED, 3003, 3002, 0, 1, Map.of(Reject.BAD_NUMBER, 1L), 0, null, "run-1",
                rec.loadedAt(), null), rec);
        assertTrue(rec.isLoaded(obj));
        assertFalse(rec.isLoaded(object(obj.key(), "e2")));
    }

    @Test
    void loading_the_same_file_again_replaces_its_contribution_without_duplicates() {
        SourceObject obj = object("k.csv", "e1");
        load(store, obj, 1, posted(0, 2500));
        clearAllDirty();

        LoadResult again = load(store, obj, 1, posted(0, 2500));

        assertEquals(new LoadResult(0, 2500, 0, 0), again);
        assertEquals(posted(0, 2500), allRows(store));
        assertEquals(List.of(), store.dirtyPartitions(), "nothing changed, nothing to rewrite");
        assertEquals(1, store.sourceFiles().size());
    }

    @Test
    void a_changed_file_drops_its_old_rows_and_adds_new_ones_but_keeps_rows_shared_with_another_file() {
        SourceObject current = object("current_fastpass.csv", "v1");
        load(store, current, 1, posted(0, 100));                       // owns 0..99
        LoadResult other = load(store, object("other.csv", "o1"), 1, posted(90, 95)); // shares 90..94
        assertEquals(new LoadResult(0, 5, 0, 0), other);
        FactRow onlyOnAnotherDay = Facts.row("MK1", "2024-01-20T12:00:00-05:00", WaitType.POSTED, 5);
        List<FactRow> v1Extra = List.of(onlyOnAnotherDay);
        load(store, object("current_fastpass.csv", "v1b"), 1, concat(posted(0, 100), v1Extra));
        clearAllDirty();

        LoadResult changed = load(store, object("current_fastpass.csv", "v2"), 1, posted(50, 150));

        // 0..49 and the 2024-01-20 row go; 90..94 stay although v2 still has them anyway; 100..149 are new.
        assertEquals(new LoadResult(50, 50, 51, 2), changed);
        assertEquals(posted(50, 150), allRows(store));
        assertEquals(List.of(new Partition("mk", LocalDate.of(2024, 1, 15)), new Partition("mk", LocalDate.of(2024, 1, 20))),
                store.dirtyPartitions());

        LoadResult shrunk = load(store, object("current_fastpass.csv", "v3"), 1, posted(140, 150));
        assertEquals(new LoadResult(0, 10, 85, 1), shrunk); // 50..139 minus the shared 90..94
        assertEquals(concat(posted(90, 95), posted(140, 150)), allRows(store));
    }

    @Test
    void rows_already_loaded_by_another_file_count_as_duplicates() {
        load(store, object("a.csv", "1"), 1, posted(0, 10));
        LoadResult b = load(store, object("b.csv", "1"), 1, concat(posted(5, 15), posted(14, 15)));
        assertEquals(new LoadResult(5, 6, 0, 1), b);
        assertEquals(5, store.sourceFiles().get("b.csv").rowsNew());
        assertEquals(6, store.sourceFiles().get("b.csv").rowsDuplicate());
        assertEquals(posted(0, 15), allRows(store));
    }

    @Test
    void a_load_closed_without_commit_leaves_nothing() {
        load(store, object("a.csv", "1"), 1, posted(0, 10));
        clearAllDirty();
        try (FileLoad load = store.beginFile(object("a.csv", "2"), 1, "run-2")) {
            posted(100, 5000).forEach(load::add);
        }
        try (FileLoad load = store.beginFile(object("b.csv", "1"), 1, "run-2")) {
            posted(200, 300).forEach(load::add);
        }
        assertEquals(posted(0, 10), allRows(store));
        assertEquals(Set.of("a.csv"), store.sourceFiles().keySet());
        assertEquals("1", store.sourceFiles().get("a.csv").etag());
        assertEquals(List.of(), store.dirtyPartitions());
    }

    @Test
    void a_failure_is_counted_and_keeps_the_rows_of_the_version_loaded_before() {
        SourceObject v1 = object("a.csv", "1");
        load(store, v1, 1, posted(0, 10));
        store.recordFailure(object("a.csv", "2"), 1, "run-2", "Connection reset after 3 attempts.");
        store.recordFailure(object("a.csv", "2"), 1, "run-3", "Connection reset after 4 attempts.");
        store.recordFailure(object("never.csv", "1"), 1, "run-3", "Access denied.");

        SourceFileRecord a = store.sourceFiles().get("a.csv");
        assertEquals(SourceFileRecord.Status.FAILED, a.status());
        assertEquals(2, a.failureCount());
        assertEquals("Connection reset after 4 attempts.", a.lastError());
        assertEquals("1", a.etag(), "etag of the loaded version");
        assertFalse(a.isLoaded(v1));
        assertEquals(posted(0, 10), allRows(store));
        SourceFileRecord never = store.sourceFiles().get("never.csv");
        assertEquals(1, never.failureCount());
        assertEquals(null, never.etag());

        load(store, object("a.csv", "2"), 1, posted(0, 10));
        assertEquals(0, store.sourceFiles().get("a.csv").failureCount());
        assertEquals(null, store.sourceFiles().get("a.csv").lastError());
    }

    @Test
    void an_incremental_history_gives_the_same_rows_as_a_full_rebuild() {
        load(store, object("a.csv", "1"), 1, posted(0, 100));
        load(store, object("b.csv", "1"), 1, posted(80, 120));
        load(store, object("a.csv", "2"), 1, posted(10, 90));
        load(store, object("b.csv", "2"), 1, posted(85, 130));
        List<FactRow> incremental = allRows(store);

        store.forgetAllFiles(1);
        assertEquals(List.of(), allRows(store));
        assertEquals(Map.of(), store.sourceFiles());
        assertEquals(List.of(new Partition("mk", LocalDate.of(2024, 1, 15))), store.dirtyPartitions());
        load(store, object("a.csv", "2"), 1, posted(10, 90));
        load(store, object("b.csv", "2"), 1, posted(85, 130));

        assertEquals(incremental, allRows(store));
        assertEquals(posted(10, 130), incremental);
    }

    private static List<FactRow> concat(List<FactRow> a, List<FactRow> b) {
        List<FactRow> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
