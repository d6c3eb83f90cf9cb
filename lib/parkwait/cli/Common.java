package parkwait.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import parkwait.config.Config;
import parkwait.home.ProjectHome;
import parkwait.source.S3Settings;
import picocli.CommandLine.Option;

/**
 * Options every script takes, with the same names, meanings and defaults (a picocli mixin).
 * Nothing here falls back to the working folder: Task Scheduler starts programs in System32, and
 * an installed JBang does not tell a script where its source is (see {@link ProjectHome}).
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

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region, for the S3 source and the S3 lock (default: region in the config, else AWS_REGION or the profile, else us-east-1).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "S3-compatible endpoint, for the S3 source and the S3 lock (default: endpoint_url in the config, else AWS_ENDPOINT_URL, else AWS). Implies --path-style.")
    String endpointUrl;

    @Option(names = "--path-style", description = "Path-style bucket addressing (for S3-compatible stores).")
    boolean pathStyle;

    @Option(names = "--json", description = "Write one JSON document to stdout instead of text.")
    public boolean json;

    @Option(names = {"-v", "--verbose"}, description = "More detail in the log, and the cause of errors.")
    public boolean verbose;

    private ProjectHome home;
    private Config config;
    private Path configInUse;

    /** The project folder, as far as it can be known (see {@link ProjectHome#find}). */
    public ProjectHome projectHome() {
        if (home == null) {
            try {
                home = ProjectHome.ofThisProcess(configFile);
            } catch (ProjectHome.InvalidHome e) {
                throw new UserException(ExitCodes.USAGE, e.getMessage());
            }
        }
        return home;
    }

    /** The config in force: --config, else the project's config/config.json, else the defaults. */
    public Config config() {
        if (config == null) {
            Path file = configFile;
            if (file == null && projectHome().known()) {
                Path inProject = projectHome().folder().resolve("config").resolve("config.json");
                if (Files.isRegularFile(inProject)) file = inProject;
            }
            configInUse = file == null ? null : file.toAbsolutePath().normalize();
            config = file != null ? Config.load(file) : Config.defaults();
        }
        return config;
    }

    /**
     * --output-base, else the config's output_base (a relative one is relative to the project
     * folder), else project/out. Never the working folder: when the project folder is not known
     * and nothing else says where to write, this is a usage error with what to do.
     */
    public Path outputBase() {
        if (outputBase != null) return requireFolder(outputBase.toAbsolutePath().normalize(), "--output-base");
        String fromConfig = config().outputBase();
        String from = fromConfig != null ? "output_base in the config" : "the default";
        if (fromConfig != null && Path.of(fromConfig).isAbsolute()) return requireFolder(Path.of(fromConfig).normalize(), from);
        if (projectHome().known()) {
            return requireFolder(projectHome().folder().resolve(fromConfig != null ? fromConfig : "out").toAbsolutePath().normalize(), from);
        }
        String what = fromConfig != null
                ? "output_base \"" + fromConfig + "\" in " + configInUse + " is relative to the project folder"
                : "there is no --output-base and no output_base in a config file, and the default is <project>/out";
        throw new UserException(ExitCodes.USAGE, "This script does not know where to write: " + what + ", but the"
                + " project folder is not known (it was started in " + Path.of("").toAbsolutePath() + ", which is not"
                + " the project folder, and PARKWAIT_HOME is not set). It will not write into the working folder. Give"
                + " --output-base DIR, or start it from the project folder (cd there first; in Task Scheduler, set"
                + " \"Start in\"), or set PARKWAIT_HOME to the project folder.");
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

    /**
     * How to reach S3, resolved once for the source and the lock alike: the environment
     * (AWS_ENDPOINT_URL), then the config, then the options, each overriding the one before.
     */
    public S3Settings s3Settings() {
        Config c = config();
        S3Settings s3 = S3Settings.fromEnvironment(System.getenv());
        String endpoint = endpointUrl != null ? endpointUrl : c.endpointUrl();
        if (endpoint != null) s3 = s3.withEndpointUrl(S3Settings.parseEndpoint(endpoint));
        String reg = region != null ? region : c.region();
        if (reg != null) s3 = s3.withRegion(reg);
        if (pathStyle || c.pathStyle()) s3 = s3.withPathStyle(true);
        return s3;
    }

    /**
     * The options given on the command line that select the folders, the config and the lock, as
     * {name} or {name, value}: what a suggested command must repeat to act on the same lock.
     */
    List<String[]> locationOptions() {
        List<String[]> options = new ArrayList<>();
        if (outputBase != null) options.add(new String[] {"--output-base", outputBase().toString()});
        if (stateDir != null) options.add(new String[] {"--state-dir", stateDir().toString()});
        if (configFile != null) options.add(new String[] {"--config", configFile.toAbsolutePath().normalize().toString()});
        if (lockUrl != null) options.add(new String[] {"--lock-url", lockUrl});
        if (endpointUrl != null) options.add(new String[] {"--endpoint-url", endpointUrl});
        if (region != null) options.add(new String[] {"--region", region});
        if (pathStyle) options.add(new String[] {"--path-style"});
        return options;
    }

    /**
     * One sentence saying which config file is in force and where the output goes, for the start
     * of a run, so that a launch that could not find the project folder says so.
     */
    public String whereLine() {
        Path out = outputBase();
        String cfg = configInUse != null ? "config " + configInUse
                : projectHome().known() ? "no config file (none at " + projectHome().folder().resolve("config").resolve("config.json") + ")"
                : "no config file (the project folder is not known)";
        String project = projectHome().known() ? "project " + projectHome().folder() + " (" + projectHome().how() + ")"
                : "project folder not known";
        return "Using " + cfg + "; " + project + "; output in " + out + ".";
    }
}
