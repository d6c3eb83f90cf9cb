package parkwait.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import parkwait.parse.Parks;
import parkwait.parse.ParseStats;
import parkwait.store.FileLoad;
import parkwait.store.ImportedFile;
import parkwait.store.Imports;
import parkwait.store.LoadResult;
import parkwait.store.Partition;
import parkwait.store.SourceFileRecord;
import parkwait.store.Store;
import parkwait.source.SourceObject;

/**
 * Moving over from the predecessor (DESIGN 4.7). Once per database, before any CSV is rewritten,
 * its {@code dedupe_keys} and fact-CSV rows are loaded into {@code wait_times} (each under a
 * pseudo source key, {@code predecessor:...}, that owns them; such keys are never listed, so their
 * rows are never replaced) and its processed-files list is recorded as loaded, so nothing already
 * processed is downloaded again. The partitions touched are marked dirty: their CSVs are then
 * rewritten from the database and hold every row that was on disk. Rows that cannot be read are
 * kept in {@link #REJECTED_FILE}. Staged 4-column CSVs are loaded on every call, each in its own
 * transaction, and removed after its commit.
 *
 * <p>The import is skipped when the database already holds files this program loaded: then the
 * CSVs are its own. It is marked done in {@code meta} (key {@code predecessor_imported}); if a
 * part could not be read it is not marked, and the whole import runs again next time (loading the
 * same rows twice changes nothing).
 */
public final class Predecessor {
    /** Pseudo source keys that own the imported rows. */
    static final String DEDUPE_KEY = "predecessor:state/dedupe.sqlite";
    static final String FACTS_KEY = "predecessor:fact_tables/clean";
    static final String STAGED_PREFIX = "predecessor:staging/queue_times/";
    /** Rows that could not be read, relative to the output folder. */
    public static final String REJECTED_FILE = "state/predecessor-rejected-rows.csv";
    /** Copies of the predecessor's state JSON, kept before our exports replace them. */
    public static final String BACKUP_DIR = "state/predecessor-backup";

    private static final Pattern PARTITION_NAME = Pattern.compile("([a-z0-9]+)_([0-9]{4}-[0-9]{2}-[0-9]{2})\\.csv");

    private Predecessor() {
    }

    /** What of the predecessor's output is in {@code outputBase}; reads only names and a lock's first line. */
    public static Found detect(Path outputBase) throws IOException {
        Path state = outputBase.resolve("state");
        Path dedupe = existing(state.resolve("dedupe.sqlite"));
        Path processed = existing(state.resolve("processed_files.json"));
        Path failed = existing(state.resolve("failed_files.json"));
        Path lock = state.resolve("processing.lock");
        Path textLock = null;
        if (Files.isRegularFile(lock) && Files.size(lock) < 64 * 1024) {
            String text = new String(Files.readAllBytes(lock), StandardCharsets.UTF_8).strip();
            if (text.regionMatches(true, 0, "PID:", 0, 4)) textLock = lock;
        }
        return new Found(outputBase, dedupe, csvs(outputBase.resolve("fact_tables").resolve("clean")), processed, failed,
                textLock, csvs(outputBase.resolve("staging").resolve("queue_times")));
    }

    /** {@link #importAll(Store, Path, long, Map, Consumer)} with the default zones of DESIGN 4.3. */
    public static ImportReport importAll(Store store, Path outputBase, long token, Consumer<String> say) throws IOException {
        Map<String, ZoneId> zones = new LinkedHashMap<>();
        for (String p : Parks.PROPERTIES) zones.put(p, Parks.defaultZone(p));
        return importAll(store, outputBase, token, zones, say);
    }

    /**
     * Imports the predecessor's output once (see the class comment), then loads and removes any
     * staged CSVs. Call under the run lock, after the token is claimed and before partitions are
     * written. Unreadable rows never fail the run; an unreadable file is reported through
     * {@code say} and left for the next run.
     *
     * @throws parkwait.store.FencedException if a newer run took over; nothing of the current step is written
     */
    public static ImportReport importAll(Store store, Path outputBase, long token, Map<String, ZoneId> zones,
                                         Consumer<String> say) throws IOException {
        Found found = detect(outputBase);
        FourColumnRows rows = new FourColumnRows(zones);
        try (RejectedRows rejected = new RejectedRows(outputBase.resolve(REJECTED_FILE))) {
            Counts c = new Counts();
            String state = store.predecessorImport();
            boolean pending = Imports.PENDING.equals(state);
            if (state == null || pending) {
                if (!found.hasOutput()) {
                    store.finishPredecessorImport(List.of(), List.of(), token, true);
                } else if (!pending && store.hasOwnLoads()) {
                    if (found.dedupeDb() != null) say.accept("Not importing the predecessor's " + found.dedupeDb()
                            + ": this database already holds files loaded by this program.");
                    store.finishPredecessorImport(List.of(), List.of(), token, true);
                } else {
                    say.accept("Found the predecessor's output in " + outputBase + ": " + found.describe()
                            + ". Importing it before any CSV is rewritten...");
                    importOutput(store, found, token, rows, rejected, c, say);
                    say.accept(c.summary(rejected));
                }
            }
            for (Path staged : found.staged()) loadStaged(store, outputBase, staged, token, rows, rejected, c, say);
            return new ImportReport(c.imported, c.complete, c.dedupeRows, c.factRows, c.rowsNew, rejected.count(),
                    c.processedKeys, c.processedKeysNew, c.stagedFiles, c.stagedRows, c.stagedRowsNew);
        }
    }

    private static void importOutput(Store store, Found found, long token, FourColumnRows rows, RejectedRows rejected,
                                     Counts c, Consumer<String> say) throws IOException {
        c.imported = true;
        backUp(found);
        Set<Partition> ownPartitions = new TreeSet<>();
        if (found.dedupeDb() != null) importDedupe(store, found.dedupeDb(), token, rows, rejected, c, say);
        if (!found.factCsvs().isEmpty()) importFacts(store, found, token, rows, rejected, ownPartitions, c, say);
        List<ImportedFile> processed = List.of();
        if (found.processedFiles() != null) {
            int[] skipped = {0};
            try {
                processed = ProcessedFilesJson.read(found.processedFiles(), skipped);
                c.processedKeys = processed.size();
            } catch (IOException e) {
                c.complete = false;
                say.accept("Could not read the predecessor's " + found.processedFiles() + " (" + e.getMessage()
                        + "): the files it lists will be downloaded again. A copy is in " + BACKUP_DIR + ".");
            }
            if (skipped[0] > 0) say.accept(skipped[0] + " entries of " + found.processedFiles() + " name no key and were ignored.");
        }
        c.processedKeysNew = store.finishPredecessorImport(processed, ownPartitions, token, c.complete);
    }

    private static void importDedupe(Store store, Path db, long token, FourColumnRows rows, RejectedRows rejected,
                                     Counts c, Consumer<String> say) throws IOException {
        ParseStats stats = new ParseStats();
        long[] line = {0};
        try (FileLoad load = store.beginFile(pseudo(DEDUPE_KEY, db), token, SourceFileRecord.IMPORTED_RUN_ID)) {
            List<String[]> skipped = new ArrayList<>();
            try {
                Imports.readDedupeKeys(db, (entity, at, type, minutes) -> {
                    line[0]++;
                    FourColumnRows.Result r = rows.row(entity, at, type, minutes, stats);
                    if (r.row() != null) load.add(r.row());
                    else skipped.add(new String[] {Long.toString(line[0]), r.reject().name(), entity, at, type, minutes});
                });
            } catch (IOException e) {
                c.complete = false;
                say.accept(e.getMessage() + " Its rows are not imported; this is tried again next run.");
                return; // the load rolls back
            }
            LoadResult result = load.commit(stats);
            for (String[] s : skipped) {
                rejected.add("state/dedupe.sqlite", Long.parseLong(s[0]), parkwait.parse.Reject.valueOf(s[1]),
                        java.util.Arrays.copyOfRange(s, 2, 6));
            }
            c.dedupeRows = stats.recordsSeen();
            c.rowsNew += result.rowsNew();
        }
    }

    private static void importFacts(Store store, Found found, long token, FourColumnRows rows, RejectedRows rejected,
                                    Set<Partition> ownPartitions, Counts c, Consumer<String> say) throws IOException {
        ParseStats stats = new ParseStats();
        long bytes = 0;
        for (Path p : found.factCsvs()) bytes += Files.size(p);
        SourceObject obj = new SourceObject(FACTS_KEY, null, bytes, null);
        try (FileLoad load = store.beginFile(obj, token, SourceFileRecord.IMPORTED_RUN_ID)) {
            for (Path csv : found.factCsvs()) {
                String name = found.outputBase().relativize(csv).toString().replace('\\', '/');
                long before = stats.rowsEmitted();
                try (InputStream in = Files.newInputStream(csv)) {
                    rows.readCsv(in, stats, load::add, (line, reason, cells) -> rejected.add(name, line, reason, cells));
                } catch (IOException e) {
                    c.complete = false;
                    say.accept("Could not read the predecessor's " + csv + " (" + e.getMessage()
                            + "); the import is tried again next run.");
                }
                // The file's own partition is rewritten too, so rows that moved (ush was in New York) leave it.
                Matcher m = PARTITION_NAME.matcher(csv.getFileName().toString());
                if (stats.rowsEmitted() > before && m.matches()) {
                    ownPartitions.add(new Partition(m.group(1), LocalDate.parse(m.group(2))));
                }
            }
            LoadResult result = load.commit(stats);
            c.factRows = stats.recordsSeen();
            c.rowsNew += result.rowsNew();
        }
    }

    private static void loadStaged(Store store, Path outputBase, Path file, long token, FourColumnRows rows,
                                   RejectedRows rejected, Counts c, Consumer<String> say) throws IOException {
        String name = outputBase.relativize(file).toString().replace('\\', '/');
        ParseStats stats = new ParseStats();
        // The digest makes each staged file its own key: a later file of the same name never replaces its rows.
        SourceObject obj = new SourceObject(STAGED_PREFIX + file.getFileName() + "@" + sha256(file).substring(0, 16),
                null, Files.size(file), Files.getLastModifiedTime(file).toInstant());
        List<Object[]> skipped = new ArrayList<>();
        LoadResult result;
        try (FileLoad load = store.beginFile(obj, token, SourceFileRecord.IMPORTED_RUN_ID);
             InputStream in = Files.newInputStream(file)) {
            rows.readCsv(in, stats, load::add, (line, reason, cells) -> skipped.add(new Object[] {line, reason, cells}));
            result = load.commit(stats);
        } catch (IOException e) {
            say.accept("Could not load the staged file " + file + " (" + e.getMessage() + "); it stays and is tried again next run.");
            return;
        }
        for (Object[] s : skipped) rejected.add(name, (Long) s[0], (parkwait.parse.Reject) s[1], (String[]) s[2]);
        Files.delete(file);
        c.stagedFiles++;
        c.stagedRows += stats.recordsSeen();
        c.stagedRowsNew += result.rowsNew();
        say.accept("Loaded the staged file " + name + ": " + stats.recordsSeen() + " rows, " + result.rowsNew() + " new"
                + (skipped.isEmpty() ? "" : ", " + skipped.size() + " unreadable (kept in " + REJECTED_FILE + ")")
                + "; removed it.");
    }

    /** Keeps the predecessor's state JSON: our exports replace those files at the end of the run. */
    private static void backUp(Found found) throws IOException {
        Path dir = found.outputBase().resolve(BACKUP_DIR);
        for (Path p : new Path[] {found.processedFiles(), found.failedFiles()}) {
            if (p == null) continue;
            Files.createDirectories(dir);
            Path copy = dir.resolve(p.getFileName());
            if (!Files.exists(copy)) Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static SourceObject pseudo(String key, Path file) throws IOException {
        return new SourceObject(key, null, Files.size(file), Files.getLastModifiedTime(file).toInstant());
    }

    private static Path existing(Path p) {
        return Files.isRegularFile(p) ? p : null;
    }

    /** Regular files ending in .csv (any case) under {@code dir}, sorted by path. */
    private static List<Path> csvs(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))
                    .sorted().toList();
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Running totals of one call. */
    private static final class Counts {
        boolean imported;
        boolean complete = true;
        long dedupeRows, factRows, rowsNew, processedKeys, processedKeysNew, stagedRows, stagedRowsNew;
        int stagedFiles;

        String summary(RejectedRows rejected) {
            return "Imported from the predecessor: " + dedupeRows + " rows of dedupe.sqlite and " + factRows
                    + " rows of its fact CSVs (" + rowsNew + " new to the database), and " + processedKeys
                    + " processed files (" + processedKeysNew + " new; they are not downloaded again)."
                    + (rejected.count() == 0 ? "" : " " + rejected.count() + " rows could not be read; they are kept in "
                    + rejected.file() + ".")
                    + (complete ? "" : " Some of it could not be read (see above): the import runs again next time.");
        }
    }
}
