package parkwait.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import parkwait.parse.FactRow;
import parkwait.parse.FileKind;
import parkwait.parse.Parser;
import parkwait.source.Source;
import parkwait.source.SourceException;
import parkwait.source.SourceObject;

/** The read-ahead thread: plan order, errors where they happened, a bounded lead, and a clean stop. */
class ReadAheadTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A standby file of {@code rows} rows of MK1, one a minute from 2024-01-15 08:00. */
    static byte[] standby(int rows, int firstMinute) {
        StringBuilder b = new StringBuilder("entity_code,observed_at,submitted_posted_time,submitted_actual_time,user_id\n");
        for (int i = 0; i < rows; i++) {
            int m = firstMinute + i;
            b.append(String.format("MK1,2024-%02d-%02d %02d:%02d:00,%d,,%n", 1 + m / 40_000 % 12, 1 + m / 1440 % 27,
                    m / 60 % 24, m % 60, 5 + i % 90));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Objects served from memory; counts opens and bytes handed out, and can break a body. */
    static final class MemorySource implements Source {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Map<String, Exception> openFails = new LinkedHashMap<>();
        final Map<String, Integer> breakAfter = new LinkedHashMap<>();
        final List<String> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        final AtomicLong served = new AtomicLong();

        public String describe() { return "memory"; }

        public List<SourceObject> list(List<String> properties) { throw new UnsupportedOperationException(); }

        public InputStream open(SourceObject o) throws IOException {
            opened.add(o.key());
            Exception fail = openFails.get(o.key());
            if (fail instanceof IOException io) throw io;
            if (fail instanceof RuntimeException re) throw re;
            byte[] bytes = files.get(o.key());
            int limit = breakAfter.getOrDefault(o.key(), Integer.MAX_VALUE);
            return new ByteArrayInputStream(bytes) {
                int given;

                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    if (given >= limit) throw new java.io.UncheckedIOException(new IOException("connection reset"));
                    int n = super.read(b, off, Math.min(len, Math.max(1, limit - given)));
                    if (n > 0) {
                        given += n;
                        served.addAndGet(n);
                    }
                    return n;
                }
            };
        }

        public void close() { }

        List<FilePlan.Item> plan() {
            List<FilePlan.Item> items = new ArrayList<>();
            for (String key : files.keySet()) {
                byte[] b = files.get(key);
                items.add(new FilePlan.Item(new SourceObject(key, "e", b == null ? 0 : b.length, Instant.EPOCH),
                        FileKind.STANDBY, NEW_YORK, FilePlan.Reason.NEW));
            }
            return items;
        }
    }

    static List<FactRow> sequential(byte[] bytes) throws IOException {
        List<FactRow> rows = new ArrayList<>();
        Parser.parse(FileKind.STANDBY, new ByteArrayInputStream(bytes), NEW_YORK, rows::add);
        return rows;
    }

    @Test
    void rowsArriveInPlanOrderAndEqualASequentialParse() throws Exception {
        MemorySource src = new MemorySource();
        src.files.put("export/wait_times/wdw/a.csv", standby(3, 0));
        src.files.put("export/wait_times/wdw/b.csv", standby(ReadAhead.BATCH * 3 + 17, 10_000));
        src.files.put("export/wait_times/wdw/c.csv", standby(0, 0));
        try (ReadAhead ahead = new ReadAhead(src, src.plan())) {
            for (String key : src.files.keySet()) {
                ReadAhead.File f = ahead.next();
                assertEquals(key, f.item().object().key());
                List<FactRow> got = new ArrayList<>();
                long seen = f.forEachRow(got::add).recordsSeen();
                List<FactRow> expected = sequential(src.files.get(key));
                assertEquals(expected, got);
                assertEquals(expected.size(), seen, "one row per record in these files");
                assertEquals(src.files.get(key).length, f.bytes());
            }
        }
    }

    @Test
    void aBodyThatBreaksGivesItsRowsThenItsErrorAndTheNextFileStillLoads() throws Exception {
        MemorySource src = new MemorySource();
        src.files.put("export/wait_times/wdw/a.csv", standby(50_000, 0));
        src.files.put("export/wait_times/wdw/b.csv", standby(10, 0));
        src.breakAfter.put("export/wait_times/wdw/a.csv", 300_000);
        try (ReadAhead ahead = new ReadAhead(src, src.plan())) {
            ReadAhead.File a = ahead.next();
            List<FactRow> got = new ArrayList<>();
            RuntimeException e = assertThrows(RuntimeException.class, () -> a.forEachRow(got::add));
            assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
            assertFalse(got.isEmpty(), "the rows before the break were handed over (the store rolls them back)");
            assertEquals(sequential(src.files.get("export/wait_times/wdw/a.csv")).subList(0, got.size()), got);
            List<FactRow> b = new ArrayList<>();
            ahead.next().forEachRow(b::add);
            assertEquals(sequential(src.files.get("export/wait_times/wdw/b.csv")), b);
        }
    }

    @Test
    void aFileTheStoreGaveUpOnPartWayLeavesNothingForTheNextFile() throws Exception {
        MemorySource src = new MemorySource();
        src.files.put("export/wait_times/wdw/a.csv", standby(ReadAhead.BATCH * 5, 0));
        src.files.put("export/wait_times/wdw/b.csv", standby(7, 500_000));
        try (ReadAhead ahead = new ReadAhead(src, src.plan())) {
            ReadAhead.File a = ahead.next();
            int[] taken = {0};
            assertThrows(IllegalStateException.class, () -> a.forEachRow(r -> {
                if (++taken[0] == ReadAhead.BATCH + 3) throw new IllegalStateException("the store refused a row");
            }));
            List<FactRow> b = new ArrayList<>();
            ReadAhead.File next = ahead.next();
            assertEquals("export/wait_times/wdw/b.csv", next.item().object().key());
            next.forEachRow(b::add);
            assertEquals(sequential(src.files.get("export/wait_times/wdw/b.csv")), b, "only b's own rows");
        }
    }

    @Test
    void aSourceErrorStopsTheReadingAndNoLaterFileIsOpened() throws Exception {
        MemorySource src = new MemorySource();
        src.files.put("export/wait_times/wdw/a.csv", standby(5, 0));
        src.files.put("export/wait_times/wdw/b.csv", standby(5, 0));
        src.files.put("export/wait_times/wdw/c.csv", standby(5, 0));
        SourceException denied = new SourceException(SourceException.Kind.ACCESS_DENIED, "Access denied to b.csv.");
        src.openFails.put("export/wait_times/wdw/b.csv", denied);
        ReadAhead ahead = new ReadAhead(src, src.plan());
        try {
            assertEquals(5, ahead.next().forEachRow(r -> { }).recordsSeen());
            ReadAhead.File b = ahead.next();
            assertSame(denied, assertThrows(SourceException.class, b::awaitStart));
        } finally {
            ahead.close();
        }
        assertEquals(List.of("export/wait_times/wdw/a.csv", "export/wait_times/wdw/b.csv"), src.opened);
    }

    @Test
    void theReaderStaysABoundedNumberOfRowsAheadAndStopsWhenClosed() throws Exception {
        MemorySource src = new MemorySource();
        byte[] big = standby(200_000, 0);
        src.files.put("export/wait_times/wdw/big.csv", big);
        ReadAhead ahead = new ReadAhead(src, src.plan());
        Thread reader = readerThread();
        try {
            // Nobody takes rows: the reader must park on the full queue, far from the end of the file.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (reader.getState() != Thread.State.WAITING) {
                assertTrue(System.nanoTime() < deadline, "the reader never waited: state " + reader.getState());
                Thread.onSpinWait();
            }
            long rowsAhead = (long) (ReadAhead.AHEAD_BATCHES + 1) * ReadAhead.BATCH;
            long bytesPerRow = big.length / 200_000 + 1;
            // The parser's own read buffer comes on top of the queued rows.
            assertTrue(src.served.get() < rowsAhead * bytesPerRow + (1 << 20),
                    "read " + src.served.get() + " of " + big.length + " bytes while nothing was taken");
        } finally {
            ahead.close();
        }
        reader.join(10_000);
        assertFalse(reader.isAlive(), "closing stops the reading thread");
    }

    @Test
    void closingBreaksOffADownloadThatHangs() throws Exception {
        java.util.concurrent.CountDownLatch closedStream = new java.util.concurrent.CountDownLatch(1);
        Source hanging = new Source() {
            public String describe() { return "hanging"; }

            public List<SourceObject> list(List<String> properties) { throw new UnsupportedOperationException(); }

            public void close() { }

            @Override
            public InputStream open(SourceObject o) {
                return new InputStream() {
                    @Override
                    public int read() throws IOException {
                        try {
                            closedStream.await(); // a network read that never answers, until the stream is closed
                        } catch (InterruptedException e) {
                            // interrupts do not end a blocked socket read; go on waiting, as it would
                            Thread.currentThread().interrupt();
                            try {
                                closedStream.await();
                            } catch (InterruptedException again) {
                                throw new IOException("interrupted twice");
                            }
                        }
                        throw new IOException("connection aborted");
                    }

                    @Override
                    public void close() {
                        closedStream.countDown();
                    }
                };
            }
        };
        List<FilePlan.Item> plan = List.of(new FilePlan.Item(new SourceObject("export/wait_times/wdw/x.csv", "e", 10, Instant.EPOCH),
                FileKind.STANDBY, NEW_YORK, FilePlan.Reason.NEW));
        ReadAhead ahead = new ReadAhead(hanging, plan);
        Thread reader = readerThread();
        long t0 = System.nanoTime();
        ahead.close();
        reader.join(5_000);
        assertFalse(reader.isAlive(), "the reading thread still hangs after close");
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "close waited for the hanging read");
    }

    private static Thread readerThread() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("read-ahead") && t.isAlive()) return t;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no read-ahead thread");
    }
}
