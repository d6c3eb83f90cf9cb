package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static parkwait.store.Facts.allRows;
import static parkwait.store.Facts.load;
import static parkwait.store.Facts.object;
import static parkwait.store.Facts.posted;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** DESIGN 4.4: a reader (DB Browser, pandas) holding the database open never fails the ingest. */
class StoreReaderTest {
    @TempDir Path dir;

    private static Connection connect(Path db, int busyTimeoutMillis) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(busyTimeoutMillis);
        return config.createConnection("jdbc:sqlite:" + db);
    }

    @Test
    void a_commit_waits_for_a_reader_in_a_read_transaction_instead_of_failing() throws Exception {
        Path db = Facts.db(dir);
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            load(store, object("a.csv", "1"), 0, posted(0, 100));
        }
        try (Store store = Store.open(db, StoreOptions.defaults().withBusyTimeout(Duration.ofSeconds(60)));
             Connection reader = connect(db, 0);
             Connection probe = connect(db, 0)) {
            reader.setAutoCommit(false);
            try (PreparedStatement read = reader.prepareStatement("SELECT * FROM wait_times");
                 ResultSet cursor = read.executeQuery()) {
                assertTrue(cursor.next()); // the reader now holds a SHARED lock

                CompletableFuture<LoadResult> writer =
                        CompletableFuture.supplyAsync(() -> load(store, object("b.csv", "1"), 0, posted(100, 200)));
                // The writer is waiting at its commit once it holds PENDING: new readers are then refused.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!refusesNewReaders(probe)) {
                    if (writer.isDone()) fail("the writer finished while a reader held the database: " + writer.join());
                    if (System.nanoTime() > deadline) fail("the writer never reached its commit");
                    Thread.onSpinWait();
                }
                assertTrue(!writer.isDone(), "the writer waits for the reader");
                cursor.close();
                reader.rollback();
                assertEquals(new LoadResult(100, 0, 0, 1), writer.get(30, TimeUnit.SECONDS));
            }
            assertEquals(posted(0, 200), allRows(store));
        }
    }

    private static boolean refusesNewReaders(Connection probe) {
        try (PreparedStatement ps = probe.prepareStatement("SELECT count(*) FROM source_files");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return false;
        } catch (SQLException e) {
            if (e.getMessage().contains("SQLITE_BUSY")) return true;
            throw new AssertionError(e);
        }
    }
}
