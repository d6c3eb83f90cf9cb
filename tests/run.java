///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//SOURCES parkwait/**.java
// The scripts themselves, so tests can start their real main classes as plain java processes.
//SOURCES ../ingest.java ../lock.java ../status.java
//DEPS org.junit.jupiter:junit-jupiter:5.14.4
//DEPS org.junit.platform:junit-platform-launcher:1.14.4

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs every JUnit 5 test under tests/ and ends with the line "N passed, N failed".
 * Exits 1 if a test failed or none ran.
 *
 * <pre>
 *   ./jbang tests/run.java                      all tests
 *   ./jbang tests/run.java --exclude-tag slow   skip the multi-process races and kill loops
 *   ./jbang tests/run.java LockFileTest         only the classes whose simple name matches
 * </pre>
 */
class run {
    static final String USAGE = """
            Usage: ./jbang tests/run.java [--tag TAG]... [--exclude-tag TAG]... [CLASS]...
            Runs the JUnit 5 tests under tests/ and ends with the line "N passed, N failed".
              CLASS              only the test classes whose simple name is CLASS (e.g. LockCliTest)
              --tag TAG          only tests tagged TAG (e.g. slow)
              --exclude-tag TAG  skip tests tagged TAG (--exclude-tag slow skips the multi-process races)
              -h, --help         this text
            Exit codes: 0 all passed; 1 a test failed or none ran; 2 usage error.
            Examples:
              ./jbang tests/run.java
              ./jbang tests/run.java --exclude-tag slow
              ./jbang tests/run.java LockCliTest FileRunLockTest
            """;

    public static void main(String... args) {
        List<String> includeTags = new ArrayList<>();
        List<String> excludeTags = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "-h", "--help" -> {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                case "--tag", "--exclude-tag" -> {
                    if (i + 1 >= args.length || args[i + 1].isBlank() || args[i + 1].startsWith("-")) {
                        usageError(a + " needs a tag, e.g. " + a + " slow.");
                    }
                    (a.equals("--tag") ? includeTags : excludeTags).add(args[++i]);
                }
                default -> {
                    if (a.startsWith("-")) usageError("Unknown option " + a + ".");
                    if (!a.matches("[A-Za-z_$][\\w$.]*")) usageError("\"" + a + "\" is not a test class name.");
                    classes.add(a);
                }
            }
        }
        var request = LauncherDiscoveryRequestBuilder.request();
        request.selectors(selectPackage("parkwait"));
        if (!classes.isEmpty()) {
            request.filters(ClassNameFilter.includeClassNamePatterns(
                    classes.stream().map(c -> ".*\\b" + c.replace(".", "\\.") + "$").toArray(String[]::new)));
        }
        if (!includeTags.isEmpty()) request.filters(TagFilter.includeTags(includeTags));
        if (!excludeTags.isEmpty()) request.filters(TagFilter.excludeTags(excludeTags));
        request.configurationParameter("junit.jupiter.displayname.generator.default",
                "org.junit.jupiter.api.DisplayNameGenerator$ReplaceUnderscores");
        LauncherDiscoveryRequest discovery = request.build();

        var out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        var summary = new SummaryGeneratingListener();
        var progress = new TestExecutionListener() {
            @Override public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) return;
                String mark = switch (result.getStatus()) {
                    case SUCCESSFUL -> "ok  ";
                    case ABORTED -> "skip";
                    case FAILED -> "FAIL";
                };
                out.println(mark + " " + id.getLegacyReportingName() + "  (" + owner(id) + ")");
            }
            @Override public void executionSkipped(TestIdentifier id, String reason) {
                if (id.isTest()) out.println("skip " + id.getDisplayName() + ": " + reason);
            }
        };
        LauncherFactory.create().execute(discovery, summary, progress);

        var s = summary.getSummary();
        s.printTo(out);
        s.printFailuresTo(out, 25);
        long passed = s.getTestsSucceededCount();
        long failed = s.getTestsFailedCount() + s.getContainersFailedCount();
        out.println(passed + " passed, " + failed + " failed"
                + (s.getTestsSkippedCount() + s.getTestsAbortedCount() > 0
                        ? ", " + (s.getTestsSkippedCount() + s.getTestsAbortedCount()) + " skipped" : ""));
        if (s.getTestsFoundCount() == 0) {
            out.println("No tests ran" + (classes.isEmpty() ? "" : ": no test class is named " + String.join(" or ", classes))
                    + ". Run with --help for the options.");
        }
        System.exit(failed > 0 || s.getTestsFoundCount() == 0 ? 1 : 0);
    }

    private static void usageError(String message) {
        System.err.println(message);
        System.err.print(USAGE);
        System.exit(2);
    }

    private static String owner(TestIdentifier id) {
        String uid = id.getUniqueId();
        int i = uid.indexOf("[class:");
        if (i < 0) return "";
        String cls = uid.substring(i + 7, uid.indexOf(']', i));
        return cls.substring(cls.lastIndexOf('.') + 1);
    }
}
