package parkwait.pipeline;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import parkwait.parse.FactRow;
import parkwait.parse.ParseStats;
import parkwait.parse.Parser;
import parkwait.source.Source;
import parkwait.source.SourceException;

/**
 * Downloads and parses the planned files, in plan order, on one background thread, at most
 * {@link #AHEAD_BATCHES} batches of rows ahead of the thread that stores them. Reading and
 * parsing the next rows thus overlap the database work, while the storing thread alone uses the
 * connection and commits in plan order, so crash safety is that of a sequential run.
 *
 * <p>Each file's rows arrive as they are parsed; a file that fails part-way delivers its error
 * after the rows read so far (the store rolls them back). A {@link SourceException} stops the
 * reading: no later file is opened.
 */
final class ReadAhead implements AutoCloseable {
    /** Rows per hand-over: large enough that the queue costs nothing per row. */
    static final int BATCH = 2048;
    /** Batches queued at most (about 16,000 rows, a few MB). */
    static final int AHEAD_BATCHES = 8;

    private sealed interface Event permits Rows, Done, Failed {
    }

    private record Rows(List<FactRow> rows) implements Event {
    }

    private record Done(ParseStats stats, long bytes) implements Event {
    }

    private record Failed(Throwable error, long bytes) implements Event {
    }

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(AHEAD_BATCHES);
    private final Thread thread;
    private final List<FilePlan.Item> items;
    private final Source source;
    private final AtomicLong bytesOfCurrent = new AtomicLong(); // written by the reading thread only
    private volatile boolean closed;
    private volatile InputStream reading; // the reading thread's open stream, for close() to break off
    private int next;
    private File current;

    ReadAhead(Source source, List<FilePlan.Item> items) {
        this.source = source;
        this.items = List.copyOf(items);
        this.thread = new Thread(this::readAll, "read-ahead");
        thread.setDaemon(true); // never keeps a finished run's JVM alive
        thread.start();
    }

    /** One file as the storing thread sees it: its rows, then its parse counts or its error. */
    final class File {
        private final FilePlan.Item item;
        private Event first;
        private long bytes;
        private boolean ended; // its Done or Failed is taken

        private File(FilePlan.Item item) {
            this.item = item;
        }

        FilePlan.Item item() {
            return item;
        }

        /**
         * Waits until the file is open and its first rows (or its end, or its error) are parsed,
         * so that a transaction is not opened while a connection is still being made.
         */
        void awaitStart() throws IOException {
            if (ended) return;
            if (first == null) first = take();
            if (first instanceof Failed f) {
                first = null;
                end(f.bytes());
                throw rethrow(f.error());
            }
        }

        /** Gives every row to {@code sink} in file order; returns the counts, or throws the file's error. */
        ParseStats forEachRow(Consumer<FactRow> sink) throws IOException {
            if (ended) throw new IllegalStateException("the rows of " + item.object().key() + " were already given");
            awaitStart();
            Event e = first;
            first = null;
            while (true) {
                if (e instanceof Rows r) {
                    for (FactRow row : r.rows()) sink.accept(row);
                } else if (e instanceof Done d) {
                    end(d.bytes());
                    return d.stats();
                } else if (e instanceof Failed f) {
                    end(f.bytes());
                    throw rethrow(f.error());
                }
                e = take();
            }
        }

        /** Bytes read from the source for this file, once its rows are all given. */
        long bytes() {
            return bytes;
        }

        /** Drops what the storing side did not take (it gave up on the file), so the next file starts clean. */
        private void skipRest() throws IOException {
            Event e = first;
            first = null;
            while (!ended) {
                if (e == null) e = take();
                if (e instanceof Done d) {
                    end(d.bytes());
                } else if (e instanceof Failed f) {
                    end(f.bytes());
                    // The reading stopped on it: nothing follows, so the run must stop too.
                    if (f.error() instanceof SourceException stop) throw stop;
                }
                e = null;
            }
        }

        private void end(long bytesRead) {
            bytes = bytesRead;
            ended = true;
        }
    }

    /**
     * The next file of the plan. What the previous file still had queued is dropped first (when
     * storing it failed part-way), so rows can never be taken for the wrong file.
     */
    File next() throws IOException {
        if (next >= items.size()) throw new IllegalStateException("no file left to read");
        if (current != null) current.skipRest();
        current = new File(items.get(next++));
        return current;
    }

    /** Stops the reading thread; rows not yet taken are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        InputStream in = reading;
        if (in != null) {
            try {
                in.close(); // a read blocked on the network ignores the interrupt; this aborts it
            } catch (IOException | RuntimeException ignored) {
                // it is being closed anyway
            }
        }
        queue.clear(); // unblocks a put in progress
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Event take() throws IOException {
        try {
            while (true) {
                Event e = queue.poll(1, TimeUnit.SECONDS);
                if (e != null) return e;
                // Every file ends in Done or Failed; a reader that died without one (an Error while
                // handing over) would otherwise leave this thread waiting, and the lock held, forever.
                if (!thread.isAlive() && queue.isEmpty()) {
                    throw new IOException("the thread reading the source files stopped unexpectedly");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the next rows");
        }
    }

    private static IOException rethrow(Throwable error) {
        if (error instanceof IOException io) return io;
        if (error instanceof RuntimeException re) throw re;
        if (error instanceof Error err) throw err;
        return new IOException(error);
    }

    private void readAll() {
        try {
            for (FilePlan.Item item : items) {
                if (closed) return;
                bytesOfCurrent.set(0);
                try {
                    ParseStats stats = readOne(item);
                    put(new Done(stats, bytesOfCurrent.get()));
                } catch (InterruptedException e) {
                    return;
                } catch (SourceException e) {
                    put(new Failed(e, bytesOfCurrent.get())); // the run stops on it: open nothing more
                    return;
                } catch (IOException | RuntimeException | Error e) {
                    if (closed) return;
                    put(new Failed(e, bytesOfCurrent.get()));
                }
            }
        } catch (InterruptedException e) {
            // closed while handing over an event
        }
    }

    private ParseStats readOne(FilePlan.Item item) throws IOException, InterruptedException {
        @SuppressWarnings("unchecked") // a one-slot holder the parser callback can refill
        List<FactRow>[] batch = new List[] {new ArrayList<FactRow>(BATCH)};
        ParseStats stats;
        try (InputStream in = counting(source.open(item.object()))) {
            reading = in;
            stats = Parser.parse(item.kind(), in, item.zone(), row -> {
                batch[0].add(row);
                if (batch[0].size() == BATCH) {
                    handOver(batch[0]);
                    batch[0] = new ArrayList<>(BATCH);
                }
            });
        }
        if (!batch[0].isEmpty()) put(new Rows(batch[0]));
        return stats;
    }

    /** From inside the parser's callback, which cannot throw InterruptedException. */
    private void handOver(List<FactRow> rows) {
        try {
            put(new Rows(rows));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
    }

    private void put(Event e) throws InterruptedException {
        if (closed) throw new InterruptedException();
        queue.put(e);
    }

    private InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) bytesOfCurrent.incrementAndGet();
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int r = super.read(buf, off, len);
                if (r > 0) bytesOfCurrent.addAndGet(r);
                return r;
            }
        };
    }

    /** Unwinds the parser when the reading is closed. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("reading stopped", null, false, false);
        }
    }
}
