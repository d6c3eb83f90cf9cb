///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import parkwait.cli.Cli;
import parkwait.cli.Common;
import parkwait.cli.DurationConverter;
import parkwait.cli.ExitCodes;
import parkwait.cli.LockReport;
import parkwait.cli.Secrets;
import parkwait.cli.Version;
import parkwait.lock.Lease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "PLACEHOLDER: takes the run lock, runs a placeholder step, releases it. The pipeline comes next.",
        footer = {"%nExamples:",
                "  jbang ingest.java --output-base D:\\waits              run once; exit 75 if another run holds the lock",
                "  jbang ingest.java --output-base D:\\waits --wait 30m   wait up to 30 minutes for the lock"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:failed", "2:usage error", "3:some files failed", "75:another live run holds the lock"})
class ingest implements Callable<Integer> {
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
            description = "Wait up to this long for a live run to finish (e.g. 90s, 30m, 2h) instead of exiting 75.")
    Duration wait;

    @Option(names = "--placeholder-seconds", hidden = true, defaultValue = "0",
            description = "How long the placeholder step holds the lock (for lock tests).")
    double placeholderSeconds;

    public static void main(String... args) {
        System.exit(Cli.run(new ingest(), args));
    }

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        String command = Secrets.commandLine("ingest.java", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new));
        try (Lease lease = LockReport.fileLock(common, Clock.systemUTC()).acquire(command, wait, err::println)) {
            err.println("Took the run lock (token " + lease.token() + ").");
            err.println("This ingest.java is a PLACEHOLDER: it holds the lock for " + placeholderSeconds
                    + " s and ingests nothing yet.");
            long until = System.nanoTime() + (long) (placeholderSeconds * 1e9);
            while (System.nanoTime() < until) {
                lease.assertHeld();
                Thread.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            }
            lease.assertHeld();
        }
        return ExitCodes.OK;
    }
}
