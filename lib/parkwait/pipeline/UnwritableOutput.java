package parkwait.pipeline;

import java.nio.file.Path;
import java.util.Optional;
import parkwait.cli.ExitCodes;
import parkwait.cli.UserException;
import parkwait.io.WriteFailure;

/**
 * Issue 4: a run stopped by a full disk or a read-only folder says so in one sentence that names
 * the place and what to do, with exit 1, instead of "Internal error: java.io.IOException".
 */
final class UnwritableOutput {
    private UnwritableOutput() {
    }

    /** What the pipeline's runs say after the remedy: a stopped run loses nothing (DESIGN 4.4, 4.5). */
    static final String NOTHING_LOST = "nothing is lost: what this run did not finish is done next time";

    /**
     * The sentence for {@code e} as an exception to throw, or empty when {@code e} is another
     * failure: "&lt;what happened to the place&gt;, &lt;consequence&gt;; &lt;remedy&gt; and run
     * again (&lt;afterword&gt;)." {@code fallback} names the place when the error does not
     * (SQLite's never does), e.g. "the database /x/state/wait_times.sqlite".
     */
    static Optional<UserException> explain(Exception e, String fallback, String consequence, String afterword) {
        return WriteFailure.of(e).map(f -> {
            Path folder = WriteFailure.folderOf(e);
            String what = f.describe(folder != null ? "the folder " + folder : fallback, WriteFailure.reason(e));
            return new UserException(ExitCodes.FAILED, Character.toUpperCase(what.charAt(0)) + what.substring(1) + ", "
                    + consequence + "; " + f.remedy() + " and run again (" + afterword + ").", e);
        });
    }
}
