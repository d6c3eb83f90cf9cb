///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java
// A small initial heap: G1 otherwise starts at 1/64 of RAM and grows into it (480 MB resident on the
// benchmark instead of 290 MB, no faster). The maximum stays the JVM default; JAVA_TOOL_OPTIONS=-Xmx... sets it.
//JAVA_OPTIONS -Xms32m

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import parkwait.cli.Cli;
import parkwait.cli.Common;
import parkwait.cli.DurationConverter;
import parkwait.cli.Hints;
import parkwait.cli.ExitCodes;
import parkwait.cli.JsonOut;
import parkwait.cli.LockReport;
import parkwait.cli.Secrets;
import parkwait.cli.UserException;
import parkwait.cli.Version;
import parkwait.config.Config;
import parkwait.export.PartitionFiles;
import parkwait.lock.LockBusyException;
import parkwait.pipeline.FilePlan;
import parkwait.pipeline.Ingest;
import parkwait.pipeline.IngestOptions;
import parkwait.pipeline.RunLog;
import parkwait.pipeline.RunSummary;
import parkwait.source.S3Settings;
import parkwait.source.Sources;
import parkwait.store.StoreOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Loads new and changed wait-time exports into the SQLite database and rewrites the per-park, per-day CSVs.",
                "Runs under the run lock: a second copy exits 75 (or waits, with --wait)."},
        footer = {"%nExamples:",
                "  # the bundled sample, offline, into out/demo",
                "  jbang ingest.java --source examples/bucket --output-base out/demo",
                "  # every park from s3://touringplans_stats (AWS credentials from the usual places)",
                "  jbang ingest.java --output-base D:\\waits",
                "  # two properties; wait up to 30 minutes for a running copy instead of exiting 75",
                "  jbang ingest.java --output-base D:\\waits --props wdw,dlr --wait 30m"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also: nothing new)", "1:failed; nothing half-written is left", "2:usage or config error",
                "3:finished, but some files failed (listed; retried next run)", "75:another live run holds the lock"})
class ingest implements Callable<Integer> {
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Option(names = "--source", paramLabel = "SRC",
            description = "s3://bucket[/prefix] or a folder laid out like the bucket (default: s3://<s3_bucket from the config>).")
    String source;

    @Option(names = "--props", paramLabel = "LIST", split = ",",
            description = "Properties to load, comma-separated, from wdw,dlr,uor,ush,tdr (default: default_props, else all).")
    List<String> props;

    @Option(names = "--full-rebuild", description = "Forget what was loaded and read every file again (same result as the incremental history).")
    boolean fullRebuild;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Wait up to this long for a running copy to finish (e.g. 90s, 30m, 2h) instead of exiting 75.")
    Duration wait;

    @Option(names = "--dry-run", description = "List what would be read and why (new, changed, retry); write nothing.")
    boolean dryRun;

    @Option(names = "--verify", description = "Compare every partition CSV with the database, rewrite those that differ and list them; load nothing.")
    boolean verify;

    @Option(names = "--keep-logs", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "30d",
            description = "Delete this script's log files older than this (default 30d).")
    Duration keepLogs;

    public static void main(String... args) {
        System.exit(Cli.run(new ingest(), args));
    }

    @Override
    public Integer call() throws Exception {
        Config config = common.config();
        var err = spec.commandLine().getErr();
        Clock clock = Clock.systemUTC();
        IngestOptions options = options(config);
        // A mistyped --source on a new output folder leaves nothing behind; on an existing one the
        // run goes on to fail the usual way, so that its log file says why (scheduled runs have no console).
        if (!java.nio.file.Files.isDirectory(options.outputBase())) Sources.check(options.source());
        if (dryRun) return dryRun(options, clock);
        Path logs = common.outputBase().resolve("logs");
        try (RunLog log = RunLog.open(err, logs, clock, common.verbose, System.console() != null)) {
            log.info(common.whereLine());
            int pruned = RunLog.prune(logs, keepLogs, clock);
            if (pruned > 0) log.detail("Removed " + pruned + " log files older than " + keepLogs.toDays() + " days.");
            RunSummary summary;
            try {
                if (verify) return verify(new Ingest(options, LockReport.runLock(common, clock), clock, log));
                summary = new Ingest(options, LockReport.runLock(common, clock), clock, log).run()
                        .places(PartitionFiles.cleanRoot(options.outputBase()), log.path());
            } catch (LockBusyException busy) {
                // What to type next, as pasted: this launcher, these folders, a longer --wait if it waited.
                LockBusyException advised = busy.advised(LockReport.refusalAdvice(busy.waited(), Hints.ofThisProcess(common)));
                log.ended(Cli.sentence(advised), advised);
                throw advised;
            } catch (Exception | OutOfMemoryError e) {
                log.ended(Cli.sentence(e), e);
                throw e;
            }
            if (common.json) {
                JsonOut.print(spec.commandLine().getOut(), summary.toMap());
            } else {
                spec.commandLine().getOut().print(summary.text());
                spec.commandLine().getOut().flush();
            }
            log.fileOnly("Summary:");
            summary.text().lines().forEach(log::fileOnly);
            return summary.exitCode();
        }
    }

    private int verify(Ingest ingest) throws Exception {
        var out = spec.commandLine().getOut();
        var found = ingest.verify();
        for (var f : found) out.println("rewritten  " + f.file() + " (" + f.how() + ")");
        out.println(found.isEmpty() ? "Verified: every partition CSV equals the database."
                : "Verified: " + found.size() + " partition CSV files did not equal the database and were rewritten from it.");
        out.flush();
        return ExitCodes.OK;
    }

    private int dryRun(IngestOptions options, Clock clock) throws Exception {
        var out = spec.commandLine().getOut();
        RunLog quiet = RunLog.consoleOnly(spec.commandLine().getErr(), clock, common.verbose);
        FilePlan.Plan plan = new Ingest(options, LockReport.runLock(common, clock), clock, quiet).dryRun();
        for (FilePlan.Item i : plan.load()) {
            out.printf("would load  %-7s %s (%d bytes)%n", i.reason().name().toLowerCase(), i.object().key(), i.object().size());
        }
        for (var o : plan.givenUp()) out.println("would skip  given up " + o.key());
        for (String k : plan.unknown()) out.println("would skip  unknown " + k);
        out.printf("Dry run: %d to load, %d unchanged, %d given up, %d not wait-time files. Nothing was written.%n",
                plan.load().size(), plan.unchanged().size(), plan.givenUp().size(), plan.unknown().size());
        out.flush();
        return ExitCodes.OK;
    }

    private IngestOptions options(Config config) {
        List<String> properties = props != null ? props.stream().map(String::trim).map(String::toLowerCase).toList()
                : config.defaultProps();
        for (String p : properties) {
            if (!Config.ALL_PROPS.contains(p)) {
                throw new UserException(2, "Unknown property \"" + p + "\" in --props. Use any of " + Config.ALL_PROPS + ".");
            }
        }
        S3Settings s3 = common.s3Settings();
        String src = source != null ? source : "s3://" + config.s3Bucket();
        String command = Secrets.commandLine("ingest.java", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        return new IngestOptions(src, s3, properties, common.outputBase(), common.stateDir(), fullRebuild, config.sampleK(),
                config.maxFailures(), Duration.ofDays(config.skipFailedOlderThanDays()), config.zones(),
                config.journalMode().equals("wal") ? StoreOptions.JournalMode.WAL : StoreOptions.JournalMode.DELETE,
                wait, command);
    }
}
