package parkwait.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema step partition_files: a database from before it learns which partitions have CSVs from its rows. */
class PartitionFilesStepTest {
    @TempDir Path dir;

    @Test
    void aVersion1DatabaseGetsItsPartitionsListedWhenOpened() throws Exception {
        Path db = Facts.db(dir);
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            Facts.load(store, Facts.object("a.csv", "1"), 0, Facts.posted(0, 5));
        }
        int partitions;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE partition_files"); // what version 1 had
            s.executeUpdate("UPDATE meta SET value = 1 WHERE key = 'schema_version'");
            var rs = s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT park, park_date FROM wait_times)");
            rs.next();
            partitions = rs.getInt(1);
        }
        try (Store store = Store.open(db, StoreOptions.defaults())) {
            assertEquals(store.allPartitions(), store.partitionsWithFiles());
            assertEquals(partitions, store.partitionsWithFiles().size());
        }
    }
}
