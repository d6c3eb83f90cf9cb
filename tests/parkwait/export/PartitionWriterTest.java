package parkwait.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;
import parkwait.parse.WaitType;
import parkwait.source.SourceObject;
import parkwait.store.FileLoad;
import parkwait.store.Partition;
import parkwait.store.Store;
import parkwait.store.StoreOptions;

/** The partition writer on a real SQLite file and real folders. */
class PartitionWriterTest {
    @TempDir Path dir;

    @Test
    void aNewMonthFolderIsMadeEvenWhenItsFirstPartitionIsEmpty() throws Exception {
        Path out = dir.resolve("out");
        LocalDate june1 = LocalDate.of(2024, 6, 1);
        try (Store store = Store.open(dir.resolve("state/wait_times.sqlite"), StoreOptions.defaults())) {
            store.claimToken(1);
            try (FileLoad load = store.beginFile(new SourceObject("export/wait_times/dlr/x.csv", "e1", 10, Instant.EPOCH), 1, "run")) {
                ParseStats stats = new ParseStats();
                stats.seen();
                stats.emitted();
                load.add(new FactRow("DL7", "2024-06-01T10:00:00-07:00", WaitType.POSTED, 25, "dl", june1, 1717261200L));
                load.commit(stats);
            }
            // ak has no rows that day (a changed file dropped them), and comes first in its folder.
            List<Partition> dirty = List.of(new Partition("ak", june1), new Partition("dl", june1));
            List<Partition> cleared = new ArrayList<>();
            try (PartitionWriter writer = new PartitionWriter(store, out)) {
                assertEquals(2, writer.writeAll(dirty, cleared::addAll));
            }
            assertEquals(dirty, cleared);
            Path folder = PartitionFiles.fileOf(out, "dl", june1).getParent();
            assertEquals(PartitionFiles.HEADER + "DL7,2024-06-01T10:00:00-07:00,POSTED,25\n",
                    Files.readString(PartitionFiles.fileOf(out, "dl", june1), StandardCharsets.UTF_8));
            assertFalse(Files.exists(PartitionFiles.fileOf(out, "ak", june1)));
            assertEquals(List.of(PartitionFiles.fileOf(out, "dl", june1)), Files.list(folder).toList());
        }
    }
}
