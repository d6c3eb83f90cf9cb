///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java

import java.time.Clock;
import java.util.concurrent.Callable;
import parkwait.cli.Cli;
import parkwait.cli.Common;
import parkwait.cli.ExitCodes;
import parkwait.cli.Hints;
import parkwait.cli.JsonOut;
import parkwait.cli.LockReport;
import parkwait.cli.Secrets;
import parkwait.cli.Version;
import parkwait.lock.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lock", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Show, check or clear the pipeline's run lock.",
        footer = {"%nExamples:",
                "  # who holds the lock, since when, and whether it is live",
                "  jbang lock.java --output-base D:\\waits",
                "  # exit 0 if a run may start, 75 if a live run holds it",
                "  jbang lock.java --output-base D:\\waits --check",
                "  # remove a stale lock (a live holder is refused)",
                "  jbang lock.java --output-base D:\\waits --clear",
                "  # remove even a live holder's lock (it is fenced at once: its next commit or CSV rename fails)",
                "  jbang lock.java --output-base D:\\waits --clear --force"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:free or stale (or cleared)", "1:failed (the lock cannot be used)", "2:usage error",
                "75:held by a live run"})
class lock implements Callable<Integer> {
    @Mixin Common common;
    @Spec CommandSpec spec;

    @Option(names = "--check", description = "Print nothing unless --json; exit 0 when free or stale, 75 when held.")
    boolean check;

    @Option(names = "--clear", description = "Remove a free or stale lock; a live holder is refused (exit 75).")
    boolean clear;

    @Option(names = "--force", description = "With --clear: remove the lock even if its holder is alive (a warning and an audit line are written).")
    boolean force;

    public static void main(String... args) {
        System.exit(Cli.run(new lock(), args));
    }

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        Hints hints = Hints.ofThisProcess(common);
        if (force && !clear) {
            err.println("--force only makes sense with --clear. Example: " + hints.command("lock.java", "--clear", "--force"));
            return ExitCodes.USAGE;
        }
        Clock clock = Clock.systemUTC();
        RunLock runLock = LockReport.runLock(common, clock);
        if (clear) {
            RunLock.ClearResult r = runLock.clear(force, Secrets.commandLine("lock.java", spec.commandLine().getParseResult().originalArgs().toArray(String[]::new)));
            if (common.json) {
                var doc = LockReport.json(new RunLock.Inspection(r.before(), java.util.Optional.empty(), runLock.describe()), clock.instant(), hints);
                doc.put("cleared", r.cleared());
                doc.put("message", r.message());
                JsonOut.print(out, doc);
            } else {
                (r.cleared() ? out : err).println(r.message());
            }
            if (r.cleared() || r.before() instanceof parkwait.lock.Verdict.Free) return ExitCodes.OK;
            return r.before() instanceof parkwait.lock.Verdict.Unusable ? ExitCodes.FAILED : ExitCodes.LOCKED;
        }
        RunLock.Inspection in = runLock.inspect();
        if (common.json) {
            JsonOut.print(out, LockReport.json(in, clock.instant(), hints));
        } else if (!check) {
            out.print(LockReport.text(in, clock.instant(), hints));
            out.flush();
        }
        if (in.verdict() instanceof parkwait.lock.Verdict.Unusable) return ExitCodes.FAILED;
        return in.verdict().blocksRun() ? ExitCodes.LOCKED : ExitCodes.OK;
    }
}
