package parkwait.pipeline;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a run. On a terminal: one bar (MB read, files, rows, rate, ETA), redrawn at most
 * four times a second. Otherwise (Task Scheduler, cron, CI): one timestamped line per file and
 * never a control character; those lines come from {@link RunLog}.
 */
public interface Progress extends AutoCloseable {

    void start(int files, long bytes);

    void fileDone(String line, long rows, long bytes);

    @Override
    void close();

    /** A bar when stderr is a terminal, else plain lines through the log. */
    static Progress forConsole(RunLog log, boolean interactive) {
        return interactive ? new Bar(log) : new Lines(log);
    }

    /** One line per file, through the log (timestamped on the console when not a terminal). */
    final class Lines implements Progress {
        private final RunLog log;

        Lines(RunLog log) {
            this.log = log;
        }

        @Override public void start(int files, long bytes) { }

        @Override public void fileDone(String line, long rows, long bytes) {
            log.info(line);
        }

        @Override public void close() { }
    }

    /** The terminal bar; per-file lines go to the log file only. */
    final class Bar implements Progress {
        private final RunLog log;
        private ProgressBar bar;
        private int files;
        private int done;
        private long rows;

        Bar(RunLog log) {
            this.log = log;
        }

        @Override public void start(int files, long bytes) {
            this.files = files;
            if (files == 0) return;
            bar = new ProgressBarBuilder().setTaskName("Loading").setInitialMax(Math.max(1, bytes / 1024))
                    .setUnit(" MB", 1024).setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS).showSpeed().setMaxRenderedLength(110).build();
            bar.setExtraMessage(" 0/" + files + " files");
        }

        @Override public void fileDone(String line, long fileRows, long bytes) {
            log.detail(line);
            done++;
            rows += fileRows;
            if (bar != null) {
                bar.stepBy(bytes / 1024);
                bar.setExtraMessage(" " + done + "/" + files + " files, " + rows + " rows");
            }
        }

        @Override public void close() {
            if (bar != null) bar.close();
        }
    }
}
