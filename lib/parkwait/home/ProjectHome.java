package parkwait.home;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the project folder (the one holding {@code ingest.java}, {@code lib/} and {@code config/})
 * is, and how that was found.
 *
 * <p>A script built by JBang 0.132 runs as {@code java -classpath <cache jar> ingest}: nothing tells
 * it where its source lies, and the cache jar is shared by every copy of the project with the same
 * sources. So the folder is taken, in this order, from {@code PARKWAIT_HOME} (set by {@code ./jbang}
 * and {@code jbang.cmd}, or by a user in a scheduled task), the system property
 * {@code parkwait.home} ({@code jbang -Dparkwait.home=DIR ingest.java}), the folder of a
 * {@code --config FILE} that sits in a project's {@code config/} folder, or the working folder and
 * its parents. When none applies it is unknown, and the caller must not fall back to the working
 * folder (Task Scheduler starts programs in System32).
 *
 * @param folder the project folder, absolute and normalised, or null when unknown
 * @param how    how it was found, in words for the start-of-run line ("from PARKWAIT_HOME")
 */
public record ProjectHome(Path folder, String how) {

    public static final String ENV = "PARKWAIT_HOME";
    public static final String PROPERTY = "parkwait.home";

    /** Whether the folder is known. */
    public boolean known() {
        return folder != null;
    }

    public Optional<Path> path() {
        return Optional.ofNullable(folder);
    }

    /**
     * Finds the project folder.
     *
     * @param env         the environment (for {@code PARKWAIT_HOME})
     * @param property    the value of {@code -Dparkwait.home}, or null
     * @param configFile  {@code --config FILE} as given, or null
     * @param workingDir  the working folder
     * @throws InvalidHome when PARKWAIT_HOME or parkwait.home names something that is
     *                              not a folder (a typo there must not silently run elsewhere)
     */
    public static ProjectHome find(Map<String, String> env, String property, Path configFile, Path workingDir) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return named(fromEnv, "the environment variable " + ENV, "from " + ENV);
        if (property != null && !property.isBlank()) return named(property, "the Java system property " + PROPERTY, "from -D" + PROPERTY);
        if (configFile != null) {
            Path folder = configFile.toAbsolutePath().normalize().getParent();
            if (folder != null && folder.getFileName() != null && folder.getFileName().toString().equals("config")
                    && isProject(folder.getParent())) {
                return new ProjectHome(folder.getParent(), "from the --config file's folder");
            }
        }
        for (Path p = workingDir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            if (isProject(p)) return new ProjectHome(p, p.equals(workingDir.toAbsolutePath().normalize())
                    ? "the working folder" : "a parent of the working folder");
        }
        return new ProjectHome(null, "not known");
    }

    /** The process's own view: its environment, -Dparkwait.home and working folder. */
    public static ProjectHome ofThisProcess(Path configFile) {
        return find(System.getenv(), System.getProperty(PROPERTY), configFile, Path.of(""));
    }

    /** A project folder holds the scripts and their library. */
    public static boolean isProject(Path folder) {
        return folder != null && Files.isRegularFile(folder.resolve("ingest.java"))
                && Files.isDirectory(folder.resolve("lib").resolve("parkwait"));
    }

    private static ProjectHome named(String value, String source, String how) {
        Path folder;
        try {
            folder = Path.of(value.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidHome(source + " is \"" + value + "\", which is not a valid path. Set it to the"
                    + " project folder (the one holding ingest.java), or unset it.");
        }
        if (!Files.isDirectory(folder)) {
            throw new InvalidHome(source + " names " + folder + ", which is not a folder. Set it to the"
                    + " project folder (the one holding ingest.java), or unset it.");
        }
        return new ProjectHome(folder, how);
    }

    /** PARKWAIT_HOME or parkwait.home does not name a folder; the message is a sentence for the user. */
    public static final class InvalidHome extends IllegalArgumentException {
        InvalidHome(String message) {
            super(message);
        }
    }
}
