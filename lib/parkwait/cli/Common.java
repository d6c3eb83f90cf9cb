package parkwait.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import parkwait.config.Config;
import picocli.CommandLine.Option;

/**
 * Options every script takes, with the same names, meanings and defaults (a picocli mixin).
 * Nothing here depends on the current directory unless nothing else is known: Task Scheduler
 * starts programs in System32.
 */
public final class Common {
    @Option(names = "--output-base", paramLabel = "DIR",
            description = "Folder for fact_tables/, state/, samples/ and logs/ (default: output_base in the config, else <project>/out).")
    Path outputBase;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Folder for the lock, database and exports (default: <output-base>/state).")
    Path stateDir;

    @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: <project>/config/config.json when it exists).")
    Path configFile;

    @Option(names = "--lock-url", paramLabel = "URL",
            description = "Keep the run lock in S3 (s3://bucket/key) for runners on several machines (default: lock_url in the config, else the file lock in the state folder).")
    String lockUrl;

    @Option(names = "--json", description = "Write one JSON document to stdout instead of text.")
    public boolean json;

    @Option(names = {"-v", "--verbose"}, description = "More detail in the log, and the cause of errors.")
    public boolean verbose;

    private Config config;

    /** The project folder: PARKWAIT_HOME (set by ./jbang and jbang.cmd), else the current directory. */
    public static Path projectHome() {
        String home = System.getenv("PARKWAIT_HOME");
        return (home != null && !home.isBlank() ? Path.of(home) : Path.of("")).toAbsolutePath().normalize();
    }

    /** The config in force: --config, else the project's config/config.json, else the defaults. */
    public Config config() {
        if (config == null) {
            Path file = configFile != null ? configFile : projectHome().resolve("config").resolve("config.json");
            config = configFile != null || Files.isRegularFile(file) ? Config.load(file) : Config.defaults();
        }
        return config;
    }

    /** --output-base, else the config's output_base (relative to the project), else project/out. */
    public Path outputBase() {
        if (outputBase != null) return requireFolder(outputBase.toAbsolutePath().normalize(), "--output-base");
        String fromConfig = config().outputBase();
        Path base = fromConfig != null ? projectHome().resolve(fromConfig) : projectHome().resolve("out");
        return requireFolder(base.toAbsolutePath().normalize(), fromConfig != null ? "output_base in the config" : "the default");
    }

    /** A file where the output folder should be is a usage error (exit 2), not a failure deep inside the run. */
    private static Path requireFolder(Path base, String from) {
        if (Files.exists(base) && !Files.isDirectory(base)) {
            throw new UserException(ExitCodes.USAGE, "The output folder " + base + " (" + from + ") is a file, not a folder."
                    + " Point it at a folder (it is made if missing), or move the file away.");
        }
        return base;
    }

    /** --lock-url, else the config's lock_url, else null (the file lock). */
    public String lockUrl() {
        return lockUrl != null ? lockUrl : config().lockUrl();
    }

    /** --state-dir, else output-base/state. */
    public Path stateDir() {
        return stateDir != null ? stateDir.toAbsolutePath().normalize() : outputBase().resolve("state");
    }
}
