///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES lib/**.java

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import parkwait.cli.Cli;
import parkwait.cli.Common;
import parkwait.cli.ExitCodes;
import parkwait.cli.JsonOut;
import parkwait.cli.LockReport;
import parkwait.cli.Version;
import parkwait.lock.RunLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, sortOptions = false,
        description = "Is the data fresh, and is anything wrong? Read-only; safe while a run is going.",
        footer = {"%nExamples:",
                "  jbang status.java                       the lock, recent runs and data freshness",
                "  jbang status.java --json                the same as one JSON document"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:status shown", "1:failed", "2:usage error"})
class status implements Callable<Integer> {
    @Mixin Common common;
    @Spec CommandSpec spec;

    public static void main(String... args) {
        System.exit(Cli.run(new status(), args));
    }

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        RunLock.Inspection lockState = LockReport.runLock(common, clock).inspect();
        var out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("outputBase", common.outputBase().toString());
            doc.put("stateDir", common.stateDir().toString());
            doc.put("lock", LockReport.json(lockState, clock.instant()));
            JsonOut.print(out, doc);
        } else {
            out.println("Output folder: " + common.outputBase());
            out.println();
            out.println("== Run lock ==");
            out.print(LockReport.text(lockState, clock.instant()));
            out.flush();
        }
        return ExitCodes.OK;
    }
}
