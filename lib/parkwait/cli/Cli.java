package parkwait.cli;

import java.io.PrintWriter;
import parkwait.lock.LockBusyException;
import parkwait.lock.LockLostException;
import parkwait.lock.LockUnusableException;
import picocli.CommandLine;

/**
 * Runs a script's picocli command and is the one place that turns exceptions into an exit code and
 * one sentence for the user (CONVENTIONS: call() never prints stack traces).
 */
public final class Cli {
    private Cli() {
    }

    /** Runs {@code command} with {@code args}; returns the exit code for System.exit. */
    public static int run(Object command, String... args) {
        // The AWS SDK and HTTP client log through SLF4J: warnings only, on stderr, one line each.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        CommandLine cl = new CommandLine(command);
        java.nio.charset.Charset charset = outputCharset(System.console());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true));
        cl.setExecutionExceptionHandler((e, line, parsed) -> report(line.getErr(), e, verbose(parsed)));
        cl.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println(e.getMessage());
            err.println("Run with --help for the options and examples.");
            return ExitCodes.USAGE;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli hands Errors through; this one has a remedy a person can apply.
            PrintWriter err = cl.getErr();
            err.println(sentence(e));
            err.flush();
            return ExitCodes.FAILED;
        }
    }

    /**
     * UTF-8 into files and pipes (Task Scheduler's {@code >> task.txt}, cron mail, tests), but the
     * console's own encoding on a console: a Windows console shows UTF-8 bytes of a non-ASCII path
     * as mojibake.
     */
    static java.nio.charset.Charset outputCharset(java.io.Console console) {
        return console != null ? console.charset() : java.nio.charset.StandardCharsets.UTF_8;
    }

    /** One sentence for an OutOfMemoryError: what happened, that nothing is lost, and how to give more memory. */
    static String outOfMemory(OutOfMemoryError e, long maxHeap) {
        long mb = maxHeap >> 20;
        long more = Math.max(2 * mb, 1024); // twice what it had: the default is already a quarter of RAM
        return "The run ran out of memory (" + (e.getMessage() == null ? "OutOfMemoryError" : e.getMessage())
                + ", with at most " + mb + " MB for Java). Nothing is lost: every file committed so far"
                + " stays, and the rest is loaded by the next run. Give Java more memory, e.g. set the environment"
                + " variable JAVA_TOOL_OPTIONS=-Xmx" + more + "m, and run again.";
    }

    /** Prints one sentence for a failure and returns its exit code. */
    public static int report(PrintWriter err, Throwable e, boolean verbose) {
        int code = exitCode(e);
        err.println(sentence(e));
        if (verbose) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) err.println("  caused by: " + Secrets.redact(c.toString()));
        }
        err.flush();
        return code;
    }

    /** The sentence a person sees for a failure (the same on the console and in the run's log), secrets removed. */
    public static String sentence(Throwable e) {
        if (e instanceof OutOfMemoryError oom) return outOfMemory(oom, Runtime.getRuntime().maxMemory());
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (exitCode(e) == ExitCodes.FAILED && !(e instanceof UserException || e instanceof LockUnusableException
                || e instanceof LockLostException || isOurs(e))) {
            message = "Internal error: " + e + ". Please report it with the log file; run with --verbose for details.";
        }
        return Printable.of(Secrets.redact(message));
    }

    private static int exitCode(Throwable e) {
        if (e instanceof UserException u) return u.exitCode();
        if (e instanceof LockBusyException) return ExitCodes.LOCKED;
        return ExitCodes.FAILED;
    }

    /** Our packages throw exceptions whose messages are written for people. */
    private static boolean isOurs(Throwable e) {
        return e.getClass().getName().startsWith("parkwait.") && e.getMessage() != null;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        return parsed != null && parsed.hasMatchedOption("--verbose");
    }
}
