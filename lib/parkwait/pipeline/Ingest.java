package parkwait.pipeline;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import parkwait.export.PartitionFiles;
import parkwait.export.PartitionWriter;
import parkwait.export.Sampler;
import parkwait.export.StateExports;
import parkwait.io.AtomicFiles;
import parkwait.lock.RunLock;
import parkwait.lock.Lease;
import parkwait.migrate.OwnOutput;
import parkwait.parse.ParseStats;
import parkwait.source.Source;
import parkwait.source.SourceException;
import parkwait.source.SourceObject;
import parkwait.source.Sources;
import parkwait.store.FileLoad;
import parkwait.store.LoadResult;
import parkwait.store.Partition;
import parkwait.store.RunRecord;
import parkwait.store.Store;
import parkwait.store.StoreOptions;

/**
 * The whole pipeline under the run lock: list, classify, parse, load each file in its own
 * transaction, rewrite dirty partitions, export state. A crash at any instant leaves every file
 * either fully loaded and recorded or not at all, and dirty partitions are rewritten next run.
 */
public final class Ingest {
    private final IngestOptions options;
    private final RunLock lock;
    private final Clock clock;
    private final RunLog log;
    private final Function<IngestOptions, Source> sources;

    public Ingest(IngestOptions options, RunLock lock, Clock clock, RunLog log) {
        this(options, lock, clock, log, o -> Sources.open(o.source(), o.s3()));
    }

    /** With another way to open the source (tests wrap it to act between two files). */
    Ingest(IngestOptions options, RunLock lock, Clock clock, RunLog log, Function<IngestOptions, Source> sources) {
        this.options = options;
        this.lock = lock;
        this.clock = clock;
        this.log = log;
        this.sources = sources;
    }

    /**
     * Runs once. Throws LockBusyException (exit 75) without touching anything if another run holds
     * the lock, and a UserException (exit 1) naming the place if a disk is full or a folder read-only.
     */
    public RunSummary run() throws IOException {
        Instant started = clock.instant();
        try (StopHook stop = StopHook.install(log, PartitionFiles.cleanRoot(options.outputBase()));
             Lease lease = lock.acquire(options.command(), options.lockWait(), log::info)) {
            log.detail("Took the run lock with token " + lease.token() + ".");
            return runLocked(lease, started);
        } catch (IOException | parkwait.store.StoreException e) {
            var clear = UnwritableOutput.explain(e, "the database " + options.database(), "so this run stopped",
                    UnwritableOutput.NOTHING_LOST);
            if (clear.isPresent()) throw clear.get();
            throw e;
        }
    }

    private RunSummary runLocked(Lease lease, Instant started) throws IOException {
        // Issue 12: the lock guards the state folder; this keeps that folder and the output folder one pair.
        OutputBinding.check(options.outputBase(), options.stateDir(), options.fullRebuild());
        // Issue 4: a folder the export cannot write to is found before any file is loaded, so nothing changes.
        AtomicFiles.requireWritable(PartitionFiles.cleanRoot(options.outputBase()));
        if (options.sampleK() > 0) AtomicFiles.requireWritable(options.outputBase().resolve("samples"));
        RunSummary summary = new RunSummary();
        StoreOptions storeOptions = StoreOptions.defaults().withJournalMode(options.journalMode()).withClock(clock)
                .withFence(lease::assertHeld);
        try (Store store = Store.open(options.database(), storeOptions);
             Source source = sources.apply(options)) {
            long token = lease.token();
            if (store.highestToken() >= token) token = lease.raiseToken(store.highestToken() + 1);
            store.claimToken(token);
            // The token makes the id unique even for two runs in one second of one process.
            String runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(started.atZone(ZoneId.of("UTC")))
                    + "-t" + token;
            store.startRun(RunRecord.started(runId, started, lease.info().host(), lease.info().pid(), token));
            if (store.predecessorImport() == null && !store.hasOwnLoads() && OwnOutput.marked(options.outputBase())) {
                lostDatabase(store, token); // a new, empty database beside outputs of ours
            }
            // DESIGN 4.7: the predecessor's rows and processed list first (once), staged CSVs every run.
            parkwait.migrate.Predecessor.importAll(store, options.outputBase(), token, options.zones(), log::info);
            log.info("Listing " + source.describe() + " for " + String.join(",", options.properties()) + "...");
            List<SourceObject> listing = source.list(options.properties());
            if (options.fullRebuild()) Rebuild.prepare(store, options.properties(), listing, token, log);
            FilePlan.Plan plan = FilePlan.decide(listing, store.sourceFiles(), options.zones(), options.maxFailures(),
                    options.skipFailedAfter(), clock.instant());
            summary.filesListed = listing.size();
            summary.filesUnchanged = plan.unchanged().size();
            summary.filesGivenUp = plan.givenUp().size();
            summary.unknownKeys.addAll(plan.unknown());
            log.info(listing.size() + " files listed: " + plan.load().size() + " to load, " + plan.unchanged().size()
                    + " unchanged" + (plan.givenUp().isEmpty() ? "" : ", " + plan.givenUp().size() + " given up after repeated failures")
                    + (plan.unknown().isEmpty() ? "" : ", " + plan.unknown().size() + " not wait-time files") + ".");
            for (SourceObject o : plan.givenUp()) log.warn("Skipping " + o.key() + ": it failed " + options.maxFailures() + " or more times and is old.");

            Sampler sampler = new Sampler(options.sampleK(), started.toEpochMilli());
            int n = 0;
            try (Progress progress = log.progress(); ReadAhead ahead = new ReadAhead(source, plan.load())) {
                progress.start(plan.load().size(), plan.load().stream().mapToLong(i -> i.object().size()).sum());
                for (int i = 0; i < plan.load().size(); i++) {
                    n++;
                    loadOne(ahead.next(), n, plan.load().size(), store, lease, token, runId, sampler, summary, progress);
                }
            }
            OwnOutput.mark(options.outputBase()); // with the run's first outputs, never before a stop that writes nothing
            exportPartitions(store, lease, token, summary);
            StateExports.write(options.stateDir(), store.sourceFiles().values());
            parkwait.export.RejectedRowsCsv.write(options.stateDir(), store);
            String month = DateTimeFormatter.ofPattern("yyyy-MM").format(started.atZone(ZoneId.systemDefault()));
            String sample = sampler.write(options.outputBase(), month);
            if (sample != null) log.detail(sample);
            summary.elapsed = Duration.between(started, clock.instant());
            lease.assertHeld();
            store.finishRun(finished(runId, started, lease, token, summary));
            return summary;
        }
    }

    /**
     * A new database beside outputs this program wrote: stop and say so, or with --full-rebuild
     * start from the source alone, rewriting (or removing) every CSV on disk.
     */
    private void lostDatabase(Store store, long token) throws IOException {
        if (!parkwait.migrate.Predecessor.detect(options.outputBase()).hasOutput()) return;
        if (!options.fullRebuild()) throw OwnOutput.databaseGone(options.database(), options.outputBase());
        log.warn("The database was missing beside this program's own outputs: rebuilding it from the source alone;"
                + " every CSV on disk is rewritten or removed.");
        store.finishPredecessorImport(List.of(), Verify.onDisk(options.outputBase()), token, true);
    }

    private void loadOne(ReadAhead.File file, int n, int total, Store store, Lease lease, long token,
                         String runId, Sampler sampler, RunSummary summary, Progress progress) throws IOException {
        FilePlan.Item item = file.item();
        SourceObject obj = item.object();
        Instant t0 = clock.instant();
        try {
            // The download starts before the write transaction, so the database is not locked while connecting.
            file.awaitStart();
            ParseStats stats;
            LoadResult r;
            try (FileLoad load = store.beginFile(obj, token, runId)) {
                stats = file.forEachRow(row -> {
                    load.add(row);
                    sampler.offer(row);
                });
                lease.assertHeld(); // DESIGN 3.4: a run that lost its lock never commits
                r = load.commit(stats);
            }
            summary.parse.add(stats);
            summary.rowsNew += r.rowsNew();
            summary.rowsDuplicate += r.rowsDuplicate();
            summary.rowsReplaced += r.rowsRemoved();
            switch (item.reason()) {
                case NEW -> summary.filesNew++;
                case CHANGED -> summary.filesChanged++;
                case RETRY -> summary.filesRetried++;
            }
            summary.bytesRead += file.bytes();
            progress.fileDone(String.format("[%d/%d] %s (%s): %d records, %d rejected; %d rows new; %.1f MB in %.1f s", n, total,
                    obj.key(), item.reason().name().toLowerCase(), stats.recordsSeen(), stats.rejected(), r.rowsNew(),
                    file.bytes() / 1e6, Duration.between(t0, clock.instant()).toMillis() / 1000.0), stats.recordsSeen(), file.bytes());
            if (stats.rejected() > 0) log.detail("  rejected in " + obj.key() + ": " + stats.rejects());
        } catch (IOException | RuntimeException e) {
            if (e instanceof SourceException || e instanceof parkwait.store.FencedException
                    || e instanceof parkwait.lock.LockLostException || e instanceof parkwait.store.StoreException) {
                throw (RuntimeException) e; // the whole run stops: nothing more can be done safely
            }
            // Interrupted: the run is being stopped, which is not this file's fault (a socket timeout,
            // also an InterruptedIOException, leaves the flag clear and fails only the file).
            if (e instanceof java.io.InterruptedIOException stop && Thread.currentThread().isInterrupted()) throw stop;
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            summary.filesFailed++;
            summary.failedKeys.add(obj.key() + " - " + error);
            log.warn("[" + n + "/" + total + "] " + obj.key() + " failed (" + error + "); it is retried next run.");
            store.recordFailure(obj, token, runId, error);
        }
    }

    private void exportPartitions(Store store, Lease lease, long token, RunSummary summary) throws IOException {
        int removed = PartitionFiles.removeLeftoverTemps(PartitionFiles.cleanRoot(options.outputBase()));
        if (removed > 0) log.detail("Removed " + removed + " temp files left by an interrupted run.");
        List<Partition> missing = Verify.missing(store, options.outputBase());
        if (!missing.isEmpty()) {
            log.warn(missing.size() + " partition CSV files were missing (deleted by hand?) and are written again from the"
                    + " database, e.g. " + PartitionFiles.fileOf(options.outputBase(), missing.get(0).park(), missing.get(0).date()) + ".");
            store.markDirty(missing, token);
        }
        List<Partition> dirty = store.dirtyPartitions();
        if (!dirty.isEmpty()) log.info("Writing " + dirty.size() + " partition CSV files...");
        Instant t0 = clock.instant();
        try (PartitionWriter writer = new PartitionWriter(store, options.outputBase(), lease::assertHeld)) {
            summary.partitionsWritten += writer.writeAll(dirty, batch -> {
                lease.assertHeld();
                store.clearDirty(batch, token);
            });
        }
        if (!dirty.isEmpty()) {
            log.detail(String.format("Wrote %d partition CSV files in %.1f s.", dirty.size(),
                    Duration.between(t0, clock.instant()).toMillis() / 1000.0));
        }
    }

    /**
     * {@code --verify}, under the run lock: compares every partition CSV with what the database
     * renders and rewrites those that differ, are missing, or have no rows; returns them. Loads nothing.
     */
    public List<Verify.Finding> verify() throws IOException {
        try (StopHook stop = StopHook.install(log, PartitionFiles.cleanRoot(options.outputBase()));
             Lease lease = lock.acquire(options.command(), options.lockWait(), log::info);
             Store store = Store.open(options.database(), StoreOptions.defaults().withJournalMode(options.journalMode()).withClock(clock))) {
            long token = lease.token();
            if (store.highestToken() >= token) token = lease.raiseToken(store.highestToken() + 1);
            store.claimToken(token);
            log.info("Comparing every partition CSV under " + PartitionFiles.cleanRoot(options.outputBase()) + " with the database...");
            List<Partition> dirty = new java.util.ArrayList<>();
            List<Verify.Finding> found = Verify.compareAll(store, options.outputBase(), dirty);
            if (!dirty.isEmpty()) store.markDirty(dirty, token);
            exportPartitions(store, lease, token, new RunSummary());
            return found;
        }
    }

    /**
     * What a run would load and why, without the lock and without writing anything: the
     * database is only read, and only if it exists.
     */
    public FilePlan.Plan dryRun() throws IOException {
        java.util.Map<String, parkwait.store.SourceFileRecord> known = java.util.Map.of();
        if (java.nio.file.Files.exists(options.database())) {
            // Read-only: a dry run must not even switch the journal mode (Store.open sets it).
            try (Store store = Store.openReadOnly(options.database(), StoreOptions.defaults().withClock(clock))) {
                known = store.sourceFiles();
            }
        }
        try (Source source = sources.apply(options)) {
            return FilePlan.decide(source.list(options.properties()), known, options.zones(), options.maxFailures(),
                    options.skipFailedAfter(), clock.instant());
        }
    }

    private RunRecord finished(String runId, Instant started, Lease lease, long token, RunSummary s) {
        String outcome = s.filesFailed > 0 ? "partial" : "ok";
        return new RunRecord(runId, started, clock.instant(), lease.info().host(), lease.info().pid(), token, outcome,
                s.exitCode(), s.filesLoaded(), s.filesUnchanged + s.filesGivenUp, s.filesFailed, s.parse.recordsSeen(),
                s.rowsNew, s.rowsDuplicate, s.parse.rejected(), s.rejects(), s.partitionsWritten);
    }
}
