package parkwait.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import parkwait.io.AtomicFiles;
import parkwait.store.Partition;
import parkwait.store.Store;

/**
 * Rewrites the CSVs of dirty partitions from the database (DESIGN 4.5): a file's bytes depend only
 * on its rows, never on the order files were loaded in; a partition left with no rows loses its
 * file. The single database connection renders each file; a few threads write, flush and rename
 * them, so that their flushes overlap (the file system commits concurrent flushes together).
 * Partitions are handed back in batches only once their files are durable, to clear their marks.
 */
public final class PartitionWriter implements AutoCloseable {
    private static final int THREADS = 4;
    private static final int BATCH_FILES = 500;
    private static final long BATCH_BYTES = 32L << 20;

    private final Store store;
    private final Path outputBase;
    /** Checked just before each file is renamed into place or removed: a fenced run touches no CSV (issue 12). */
    private final Runnable fence;
    // One single-thread writer per slot, and each folder always goes to the same slot: creating or
    // renaming a file locks its folder, so two threads in one folder mostly wait for each other.
    private final ExecutorService[] writers = new ExecutorService[THREADS];
    private final Map<Path, ExecutorService> writerOfFolder = new HashMap<>();
    /** Folders known to exist (added by the writer threads). */
    private final Set<Path> made = ConcurrentHashMap.newKeySet();
    /** Folders created since the last batch ended, whose parent must be synced. */
    private final Set<Path> madeNow = ConcurrentHashMap.newKeySet();

    public PartitionWriter(Store store, Path outputBase) {
        this(store, outputBase, () -> { });
    }

    /** With {@code fence}, run (on a writer thread) before every rename or removal; it throws to stop the writing. */
    public PartitionWriter(Store store, Path outputBase, Runnable fence) {
        this.store = store;
        this.outputBase = outputBase;
        this.fence = fence;
    }

    /**
     * Writes every partition; after each batch is durable, passes it to {@code written} (which
     * clears the dirty marks). Returns the number of files written or removed.
     */
    public long writeAll(List<Partition> partitions, Consumer<List<Partition>> written) throws IOException {
        List<Partition> batch = new ArrayList<>();
        List<Future<?>> pending = new ArrayList<>();
        Set<Path> folders = new LinkedHashSet<>();
        long bytes = 0;
        long done = 0;
        for (Partition p : partitions) {
            Path file = PartitionFiles.fileOf(outputBase, p.park(), p.date());
            byte[] content = render(p);
            batch.add(p);
            folders.add(file.getParent());
            bytes += content == null ? 0 : content.length; // null: the partition is empty, its file goes
            pending.add(writerOf(file.getParent()).submit(() -> {
                // A folder a person made where the CSV goes is neither replaced nor deleted (issue 13).
                if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw BlockedPathException.folderAt(file);
                if (!made.contains(file.getParent()) && Files.exists(file.getParent(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(file.getParent())) {
                    throw BlockedPathException.fileAt(file.getParent());
                }
                if (content == null) {
                    fence.run();
                    Files.deleteIfExists(file);
                } else {
                    // On the folder's own thread (its files are written one after another), so a
                    // failure is reported with the others.
                    if (!made.contains(file.getParent())) {
                        if (!Files.isDirectory(file.getParent())) {
                            Files.createDirectories(file.getParent());
                            madeNow.add(file.getParent());
                        }
                        made.add(file.getParent());
                    }
                    AtomicFiles.writeInFolder(file, content, fence);
                }
                return null;
            }));
            if (batch.size() >= BATCH_FILES || bytes >= BATCH_BYTES) {
                done += finish(batch, pending, folders, written);
                bytes = 0;
            }
        }
        done += finish(batch, pending, folders, written);
        return done;
    }

    private long finish(List<Partition> batch, List<Future<?>> pending, Set<Path> folders,
                        Consumer<List<Partition>> written) throws IOException {
        // Every writer is waited for, even after one failed: each removes its own temp file on
        // failure, and a process that exits while they still write leaves .tmp files behind.
        Throwable failed = null;
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing partition files");
            } catch (ExecutionException e) {
                if (failed == null) failed = e.getCause(); else failed.addSuppressed(e.getCause());
            }
        }
        if (failed instanceof IOException io) throw io;
        if (failed instanceof RuntimeException re) throw re;
        if (failed instanceof Error err) throw err;
        if (failed != null) throw new IllegalStateException(failed);
        folders.forEach(AtomicFiles::syncFolder);
        // A new month folder's own entry must be durable too before its files count as written.
        for (Path folder : madeNow) AtomicFiles.syncFolder(folder.getParent());
        madeNow.clear();
        long n = batch.size();
        if (n > 0) written.accept(List.copyOf(batch));
        batch.clear();
        pending.clear();
        folders.clear();
        return n;
    }

    /** The file's bytes, or null when the partition has no rows any more. */
    private byte[] render(Partition p) {
        byte[] body = store.partitionCsv(p);
        if (body == null) return null;
        byte[] header = PartitionFiles.HEADER.getBytes(StandardCharsets.UTF_8);
        byte[] file = java.util.Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, file, header.length, body.length);
        return file;
    }

    /** The writer of a folder, given on first use (round robin over the slots). */
    private ExecutorService writerOf(Path folder) {
        ExecutorService w = writerOfFolder.get(folder);
        if (w != null) return w;
        int slot = writerOfFolder.size() % THREADS;
        if (writers[slot] == null) {
            writers[slot] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "partition-writer-" + slot);
                t.setDaemon(true);
                return t;
            });
        }
        writerOfFolder.put(folder, writers[slot]);
        return writers[slot];
    }

    @Override
    public void close() {
        for (ExecutorService w : writers) {
            if (w != null) w.shutdownNow();
        }
    }
}
