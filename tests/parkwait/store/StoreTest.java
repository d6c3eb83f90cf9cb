package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static parkwait.store.Facts.load;
import static parkwait.store.Facts.object;
import static parkwait.store.Facts.row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.parse.FactRow;
import parkwait.parse.Reject;
import parkwait.parse.WaitType;

class StoreTest {
    @TempDir Path dir;

    /** What an outside reader (DB Browser, pandas) sees. */
    private String query(Path db, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void the_schema_is_created_with_its_folder_and_survives_a_reopen() throws Exception {
        Path db = Facts.db(dir);
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            store.claimToken(7);
            load(store, object("a.csv", "1"), 7, Facts.posted(0, 10));
        }
        assertTrue(Files.isRegularFile(db));
        assertEquals("4", query(db, "SELECT value FROM meta WHERE key = 'schema_version'"));
        assertEquals("7", query(db, "SELECT value FROM meta WHERE key = 'highest_token'"));
        assertEquals("10", query(db, "SELECT count(*) FROM wait_times"));
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            assertEquals(7, store.highestToken());
            assertEquals(Facts.posted(0, 10), Facts.allRows(store));
            assertEquals(List.of("a.csv"), List.copyOf(store.sourceFiles().keySet()));
        }
    }

    @Test
    void a_version_1_database_gets_the_rejected_rows_table_when_opened_and_status_reads_it_before() throws Exception {
        Path db = Facts.db(dir);
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            load(store, object("a.csv", "1"), 0, Facts.posted(0, 3));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE rejected_rows");   // what versions 1 and 2 had
            s.executeUpdate("DROP TABLE partition_files"); // what version 1 had
            s.executeUpdate("UPDATE meta SET value = 1 WHERE key = 'schema_version'");
        }
        var before = RejectedRows.read(db, null, 10, java.time.Duration.ofSeconds(5)).orElseThrow();
        assertEquals(List.of(), before.rows(), "read-only status on a version 1 database");
        assertEquals("1", query(db, "SELECT value FROM meta WHERE key = 'schema_version'"), "status migrated nothing");
        Store.open(db, StoreOptions.defaults()).close();
        assertEquals("4", query(db, "SELECT value FROM meta WHERE key = 'schema_version'"));
        assertEquals("0", query(db, "SELECT count(*) FROM rejected_rows"));
        assertEquals("3", query(db, "SELECT count(*) FROM wait_times"), "the rows stay");
    }

    @Test
    void a_database_from_a_newer_version_is_refused_with_a_sentence() throws Exception {
        Path db = Facts.db(dir);
        Store.open(db, StoreOptions.defaults()).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE meta SET value = 99 WHERE key = 'schema_version'");
        }
        StoreException e = assertThrows(StoreException.class, () -> Store.open(db, StoreOptions.defaults()));
        assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
    }

    @Test
    void the_journal_mode_is_delete_by_default_and_wal_only_when_asked() throws Exception {
        Path plain = dir.resolve("plain.sqlite");
        try (Store store = Store.open(plain, StoreOptions.defaults())) {
            assertEquals("delete", store.journalMode());
        }
        assertEquals("delete", query(plain, "PRAGMA journal_mode"));
        Path wal = dir.resolve("wal.sqlite");
        try (Store store = Store.open(wal, StoreOptions.defaults().withJournalMode(StoreOptions.JournalMode.WAL))) {
            assertEquals("wal", store.journalMode());
            assertEquals("wal", query(wal, "PRAGMA journal_mode"));
        }
        try (Store store = Store.open(wal, StoreOptions.defaults())) {
            assertEquals("delete", store.journalMode(), "back to the rollback journal when no longer asked");
        }
    }

    @Test
    void a_partition_streams_in_output_order_with_ties_broken_by_entity_then_type_then_minutes() {
        String t = "2024-03-01T09:00:00-05:00";
        List<FactRow> expected = List.of(
                row("MK1", "2024-03-01T08:59:59-05:00", WaitType.POSTED, 500),
                row("MK10", t, WaitType.ACTUAL, 3),
                row("MK10", t, WaitType.POSTED, 9),
                row("MK10", t, WaitType.POSTED, 10),
                row("MK10", t, WaitType.PRIORITY, -5),
                row("MK10", t, WaitType.PRIORITY, 8888),
                row("MK9", t, WaitType.ACTUAL, 1),
                row("MK1", "2024-03-01T09:00:01-05:00", WaitType.POSTED, 0),
                row("MK2", "2024-03-02T05:59:00-05:00", WaitType.POSTED, 0));
        List<FactRow> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(42));
        try (Store store = Store.open(Facts.db(dir), StoreOptions.defaults())) {
            load(store, object("x.csv", "1"), 0, shuffled.subList(0, 4));
            load(store, object("y.csv", "1"), 0, shuffled.subList(4, shuffled.size()));
            load(store, object("z.csv", "1"), 0, List.of(row("MK2", "2024-03-02T06:00:00-05:00", WaitType.POSTED, 0)));
            Partition p = new Partition("mk", LocalDate.of(2024, 3, 1));
            List<FactRow> streamed = new ArrayList<>();
            assertEquals(expected.size(), store.forEachRow(p, streamed::add));
            assertEquals(expected, streamed);
            assertEquals(List.of(p, new Partition("mk", LocalDate.of(2024, 3, 2))), store.allPartitions());
            assertEquals(0, store.forEachRow(new Partition("ep", LocalDate.of(2024, 3, 1)), streamed::add));

            // The CSV body SQLite renders: the same rows in the same order, formatted as DESIGN 4.5 says.
            String body = """
                    MK1,2024-03-01T08:59:59-05:00,POSTED,500
                    MK10,2024-03-01T09:00:00-05:00,ACTUAL,3
                    MK10,2024-03-01T09:00:00-05:00,POSTED,9
                    MK10,2024-03-01T09:00:00-05:00,POSTED,10
                    MK10,2024-03-01T09:00:00-05:00,PRIORITY,-5
                    MK10,2024-03-01T09:00:00-05:00,PRIORITY,8888
                    MK9,2024-03-01T09:00:00-05:00,ACTUAL,1
                    MK1,2024-03-01T09:00:01-05:00,POSTED,0
                    MK2,2024-03-02T05:59:00-05:00,POSTED,0
                    """;
            assertEquals(body, new String(store.partitionCsv(p), java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(null, store.partitionCsv(new Partition("ep", LocalDate.of(2024, 3, 1))));
        }
    }

    @Test
    void runs_are_recorded_at_start_and_end_and_listed_newest_first() {
        try (Store store = Store.open(Facts.db(dir), StoreOptions.defaults())) {
            store.claimToken(3);
            RunRecord first = RunRecord.started("r1", Instant.parse("2026-01-22T10:00:00Z"), "FRED-PC", 4120, 3);
            store.startRun(first);
            RunRecord done = new RunRecord("r1", first.startedAt(), Instant.parse("2026-01-22T10:05:00Z"), "FRED-PC",
                    4120, 3, "partial", 3, 10, 200, 1, 5000, 4000, 900, 100,
                    Map.of(Reject.SHORT_ROW, 60L, Reject.OUT_OF_RANGE, 40L), 12);
            store.finishRun(done);
            RunRecord second = RunRecord.started("r2", Instant.parse("2026-01-23T05:00:00Z"), "box", 77, 3);
            store.startRun(second);

            assertEquals(List.of(second, done), store.lastRuns(5));
            assertEquals(List.of(second), store.lastRuns(1));
            assertThrows(StoreException.class, () -> store.finishRun(RunRecord.started("nope", Instant.EPOCH, "h", 1, 3)));
        }
    }

    @Test
    void dirty_marks_are_cleared_one_by_one_and_can_all_be_set_again() {
        try (Store store = Store.open(Facts.db(dir), StoreOptions.defaults())) {
            load(store, object("a.csv", "1"), 0, List.of(row("MK1", "2024-01-01T10:00:00-05:00", WaitType.POSTED, 1),
                    row("EP1", "2024-01-02T10:00:00-05:00", WaitType.POSTED, 1)));
            List<Partition> all = store.allPartitions();
            assertEquals(all, store.dirtyPartitions());
            store.clearDirty(all.get(0), 0);
            assertEquals(all.subList(1, 2), store.dirtyPartitions());
            store.clearDirty(all.get(1), 0);
            assertEquals(List.of(), store.dirtyPartitions());
            store.markAllDirty(0);
            assertEquals(all, store.dirtyPartitions());
        }
    }

    @Test
    void only_one_load_can_be_open_and_writes_wait_for_it() {
        try (Store store = Store.open(Facts.db(dir), StoreOptions.defaults())) {
            FileLoad load = store.beginFile(object("a.csv", "1"), 0, "r");
            assertThrows(IllegalStateException.class, () -> store.beginFile(object("b.csv", "1"), 0, "r"));
            assertThrows(IllegalStateException.class, () -> store.claimToken(1));
            load.close();
            store.claimToken(1);
        }
    }
}
