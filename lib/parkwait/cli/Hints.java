package parkwait.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import parkwait.home.ProjectHome;

/**
 * The commands the scripts suggest ("to see it, run: ..."), spelled so that they work as pasted:
 * the launcher the user started ({@code ./jbang}, {@code jbang.cmd}, an installed {@code jbang}),
 * the script's path as seen from the working folder, and the output, state folder, config and lock
 * in use. A hint without them would act on another folder's lock.
 *
 * @param launcher      how the scripts are started, e.g. {@code ./jbang} or {@code jbang}
 * @param scriptsFolder where lock.java lies, as it should be typed ("" when it is the working folder)
 * @param location      the options that select the folders and the lock, already quoted
 */
public record Hints(String launcher, String scriptsFolder, List<String> location) {

    /** Plain {@code jbang lock.java}, for callers that do not know how the user started the script. */
    public static final Hints GENERIC = new Hints("jbang", "", List.of());

    /** The variable ./jbang and jbang.cmd set to how they were called. */
    public static final String LAUNCHER_ENV = "PARKWAIT_LAUNCHER";

    /** The hints for the options in {@code common}, started in {@code workingDir}. */
    public static Hints of(Common common, String launcherEnv, Path workingDir, boolean windows) {
        return of(common.projectHome(), common.locationOptions(), launcherEnv, workingDir, windows);
    }

    static Hints of(ProjectHome home, List<String[]> options, String launcherEnv, Path workingDir, boolean windows) {
        String launcher = launcherEnv == null || launcherEnv.isBlank() ? "jbang" : launcherEnv.strip();
        String folder = "";
        if (home.known() && !home.folder().equals(workingDir.toAbsolutePath().normalize())) folder = home.folder().toString();
        List<String> location = new ArrayList<>();
        for (String[] option : options) {
            location.add(option[0]);
            if (option.length > 1) location.add(quote(option[1], windows));
        }
        return new Hints(quote(launcher, windows), folder.isEmpty() ? "" : quote(folder, windows), location);
    }

    /** Hints for this process: PARKWAIT_LAUNCHER, the working folder and the OS. */
    public static Hints ofThisProcess(Common common) {
        return of(common, System.getenv(LAUNCHER_ENV), Path.of(""),
                System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows"));
    }

    /** e.g. {@code ./jbang lock.java --output-base /data/waits --clear}. */
    public String command(String script, String... args) {
        List<String> words = new ArrayList<>();
        words.add(launcher);
        String separator = scriptsFolder.contains("\\") || scriptsFolder.matches("\"?[A-Za-z]:.*") ? "\\" : "/";
        words.add(scriptsFolder.isEmpty() ? script : join(scriptsFolder, separator, script));
        words.addAll(location);
        words.addAll(List.of(args));
        return String.join(" ", words);
    }

    /**
     * What to give --wait to wait for a holder: 30m when the run did not wait, else more than it
     * waited (twice, at least 30 minutes), so that a 3 s wait that timed out is not told to try 30m
     * as if it had never waited, nor a 2 h wait to try 30m.
     */
    public static String waitAdvice(Duration waited) {
        if (waited == null || waited.isZero() || waited.isNegative()) return "--wait 30m";
        Duration more = waited.multipliedBy(2);
        if (more.compareTo(Duration.ofMinutes(30)) < 0) more = Duration.ofMinutes(30);
        long minutes = (more.toSeconds() + 59) / 60;
        return "--wait " + (minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m")
                + " (it waited " + parkwait.lock.Ages.human(waited) + " in vain)";
    }

    private static String join(String folder, String separator, String script) {
        if (folder.endsWith("\"")) return folder.substring(0, folder.length() - 1) + separator + script + "\"";
        if (folder.endsWith("'")) return folder.substring(0, folder.length() - 1) + separator + script + "'";
        return folder + separator + script;
    }

    /** Quoted for the shell the user types into, when it needs quotes at all. */
    static String quote(String word, boolean windows) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,\\\\-]+")) return word;
        if (windows) return "\"" + word + "\"";
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
