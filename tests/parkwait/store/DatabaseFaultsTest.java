package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged, cut-short or locked database is found before writing and named with its remedy. */
class DatabaseFaultsTest {
    @TempDir Path dir;

    Path loadedDb() {
        Path db = Facts.db(dir);
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            Facts.load(store, Facts.object("a.csv", "1"), 0, Facts.posted(0, 4000));
        }
        return db;
    }

    @Test
    void randomBytesInTheMiddleAreFoundBeforeAnythingIsWritten() throws Exception {
        Path db = loadedDb();
        long size = Files.size(db);
        byte[] junk = new byte[8192];
        new Random(13).nextBytes(junk);
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.seek(size / 2 / 4096 * 4096);
            f.write(junk);
        }
        byte[] before = Files.readAllBytes(db);
        StoreException e = assertThrows(StoreException.class, () -> Store.open(db, StoreOptions.defaults()).close());
        assertTrue(e.getMessage().startsWith("The database " + db + " is damaged (quick_check: "), e.getMessage());
        assertTrue(e.getMessage().contains("--full-rebuild") && e.getMessage().contains("backup"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "nothing was written to it");
    }

    @Test
    void aFileCutShortIsNamedAsSuch() throws Exception {
        Path db = loadedDb();
        try (RandomAccessFile f = new RandomAccessFile(db.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(db, StoreOptions.defaults()).close());
        assertTrue(e.getMessage().startsWith("The database " + db + " is cut short: it has "), e.getMessage());
    }

    @Test
    void anotherProgramsBeginExclusiveIsNamedWithTheKindOfProgramToClose() throws Exception {
        Path db = loadedDb();
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = other.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            StoreException e = assertThrows(StoreException.class,
                    () -> Store.open(db, StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(300))).close());
            assertTrue(e.getMessage().contains("stayed locked by another program") && e.getMessage().contains("BEGIN EXCLUSIVE"),
                    e.getMessage());
            s.execute("ROLLBACK");
        }
    }

    @Test
    void aReaderHoldingATransactionIsNamedWhenTheRunCommits() throws Exception {
        Path db = loadedDb();
        try (Store store = Store.open(db, StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(300)));
             Connection reader = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = reader.createStatement()) {
            s.execute("BEGIN");
            s.executeQuery("SELECT count(*) FROM wait_times").close(); // holds a read lock until it ends
            StoreException e = assertThrows(StoreException.class, () -> store.claimToken(5));
            assertTrue(e.getMessage().contains("stayed locked by another program") && e.getMessage().contains("DB Browser"),
                    e.getMessage());
            s.execute("COMMIT");
        }
    }
}
