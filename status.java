///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import parkwait.cli.Cli;
import parkwait.cli.Common;
import parkwait.cli.DurationConverter;
import parkwait.cli.ExitCodes;
import parkwait.cli.JsonOut;
import parkwait.cli.LockReport;
import parkwait.cli.Version;
import parkwait.config.Config;
import parkwait.store.RejectedRows;
import parkwait.store.StoreStats;
import parkwait.io.AtomicFiles;
import parkwait.status.HtmlPage;
import parkwait.status.RejectsView;
import parkwait.status.StatusJson;
import parkwait.status.StatusReport;
import parkwait.status.StatusText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = {"Is the data fresh, and is anything wrong? The lock, the last runs, failed files, rows and",
                "the newest data per park, and a one-line verdict. Read-only: safe while a run is going."},
        footer = {"%nExamples:",
                "  # the whole screen",
                "  jbang status.java --output-base D:\\waits",
                "  # more of the run history",
                "  jbang status.java --output-base D:\\waits --runs 20",
                "  # flag parks older than 36 h; one JSON document",
                "  jbang status.java --output-base D:\\waits --stale-after 36h --json",
                "  # the rejected records of one file",
                "  jbang status.java --output-base D:\\waits --rejects export/wait_times/wdw/soarin.csv",
                "  # the status as a page with charts",
                "  jbang status.java --output-base D:\\waits --html status.html"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:status shown (also when it reports problems)", "1:the status cannot be shown", "2:usage error"})
class status implements Callable<Integer> {
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "How many of the latest runs to show (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--stale-after", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2d",
            description = "Flag a park STALE when its newest observation is older than this (e.g. 36h, 2d; default: ${DEFAULT-VALUE}).")
    Duration staleAfter;

    @Option(names = "--rejects", arity = "0..1", paramLabel = "KEY", fallbackValue = "",
            description = "Show the rejected records kept in the database (line, reason, text): of every file, or of the file with this key.")
    String rejects;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write the status as one self-contained HTML page (charts, calendar of rows per day) to FILE.")
    Path html;

    public static void main(String... args) {
        System.exit(Cli.run(new status(), args));
    }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        if (runs < 0) {
            err.println("--runs must be 0 or more, not " + runs + ". Example: jbang status.java --runs 10");
            return ExitCodes.USAGE;
        }
        var out = spec.commandLine().getOut();
        if (rejects != null) {
            String key = rejects.isEmpty() ? null : rejects;
            var view = RejectedRows.read(StoreStats.databaseFile(common.stateDir()), key, RejectsView.LIMIT, Duration.ofSeconds(10));
            if (view.isEmpty()) {
                err.println("No database yet in " + common.stateDir() + ": run ingest.java first.");
                return ExitCodes.FAILED;
            }
            if (common.json) JsonOut.print(out, RejectsView.json(view.get(), key));
            else out.print(RejectsView.text(view.get(), key));
            out.flush();
            return view.get().known() ? ExitCodes.OK : ExitCodes.FAILED;
        }
        Config config = common.config();
        Clock clock = Clock.systemUTC();
        var settings = new StatusReport.Settings(common.outputBase(), common.stateDir(), runs, staleAfter,
                config.maxFailures(), Duration.ofDays(config.skipFailedOlderThanDays()), Duration.ofSeconds(10));
        // The page charts more runs than the screen shows.
        StatusReport report = StatusReport.collect(settings, LockReport.runLock(common, clock), clock,
                html == null ? runs : Math.max(runs, HtmlPage.RUNS_CHARTED));
        if (html != null) {
            byte[] page = HtmlPage.render(report, ZoneId.systemDefault()).getBytes(StandardCharsets.UTF_8);
            try {
                AtomicFiles.write(html, page);
            } catch (IOException e) {
                err.println("Could not write the status page to " + html.toAbsolutePath() + ": " + e.getMessage()
                        + ". Choose a file in a folder you may write to.");
                return ExitCodes.FAILED;
            }
            err.println("Wrote the status page " + html.toAbsolutePath() + " (" + (page.length + 1023) / 1024 + " KiB); open it in a browser.");
        }
        if (common.json) {
            JsonOut.print(out, StatusJson.document(report));
        } else {
            out.print(StatusText.render(report, ZoneId.systemDefault()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
