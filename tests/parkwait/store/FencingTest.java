package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parkwait.store.Facts.allRows;
import static parkwait.store.Facts.load;
import static parkwait.store.Facts.object;
import static parkwait.store.Facts.posted;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FencingTest {
    @TempDir Path dir;

    @Test
    void a_load_with_an_older_token_than_the_claimed_one_is_refused_and_writes_nothing() {
        try (Store store = Store.open(Facts.db(dir), StoreOptions.defaults())) {
            store.claimToken(5);

            FencedException e = assertThrows(FencedException.class,
                    () -> load(store, object("a.csv", "1"), 4, posted(0, 10)));
            assertEquals(4, e.token());
            assertEquals(5, e.highestToken());
            assertTrue(e.getMessage().contains("token 4") && e.getMessage().contains("token 5"), e.getMessage());
            assertEquals(List.of(), allRows(store));
            assertEquals(Map.of(), store.sourceFiles());
            assertEquals(List.of(), store.dirtyPartitions());

            assertEquals(new LoadResult(10, 0, 0, 1), load(store, object("a.csv", "1"), 5, posted(0, 10)));
            assertEquals(posted(0, 10), allRows(store));
        }
    }

    @Test
    void a_stale_holder_is_fenced_out_of_every_commit_once_a_newer_run_claimed_the_database() {
        Path db = Facts.db(dir);
        try (Store stale = Store.open(db, StoreOptions.defaults())) {
            stale.claimToken(1);
            load(stale, object("a.csv", "1"), 1, posted(0, 10));
            stale.startRun(RunRecord.started("old", Instant.EPOCH, "h", 1, 1));
            try (Store newer = Store.open(db, StoreOptions.defaults())) {
                newer.claimToken(2);
            }
            Partition p = stale.dirtyPartitions().get(0);

            assertThrows(FencedException.class, () -> stale.claimToken(1));
            assertThrows(FencedException.class, () -> load(stale, object("b.csv", "1"), 1, posted(20, 30)));
            assertThrows(FencedException.class, () -> stale.recordFailure(object("c.csv", "1"), 1, "old", "x"));
            assertThrows(FencedException.class, () -> stale.clearDirty(p, 1));
            assertThrows(FencedException.class, () -> stale.markAllDirty(1));
            assertThrows(FencedException.class, () -> stale.forgetAllFiles(1));
            assertThrows(FencedException.class, () -> stale.finishRun(RunRecord.started("old", Instant.EPOCH, "h", 1, 1)));
            assertThrows(FencedException.class, () -> stale.startRun(RunRecord.started("old2", Instant.EPOCH, "h", 1, 1)));

            assertEquals(posted(0, 10), allRows(stale));
            assertEquals(List.of("a.csv"), List.copyOf(stale.sourceFiles().keySet()));
            assertEquals(List.of(p), stale.dirtyPartitions());
            assertEquals(List.of(RunRecord.started("old", Instant.EPOCH, "h", 1, 1)), stale.lastRuns(10));
            assertEquals(2, stale.highestToken());
        }
    }

    @Test
    void claiming_the_same_token_again_is_allowed_and_a_lower_one_is_not() {
        try (Store store = Store.open(Facts.db(dir), StoreOptions.defaults())) {
            store.claimToken(3);
            store.claimToken(3);
            store.claimToken(4);
            assertThrows(FencedException.class, () -> store.claimToken(3));
            assertEquals(4, store.highestToken());
        }
    }
}
