package parkwait.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sqlite.SQLiteJDBCLoader;

/**
 * SQLite's native library, which sqlite-jdbc unpacks into a folder and loads from there: by
 * default Java's temp folder. When that folder is missing, read-only or mounted {@code noexec},
 * the library is unpacked into this user's cache folder instead; if that fails too, one sentence
 * names both folders and the remedy (instead of sqlite-jdbc's stack traces).
 */
final class NativeSqlite {
    private static final String TMPDIR = "org.sqlite.tmpdir";
    private static boolean loaded;

    private NativeSqlite() {
    }

    /** Loads the library once per process; throws a StoreException with the remedy when it cannot. */
    static synchronized void load() {
        if (loaded) return;
        // sqlite-jdbc logs each failed attempt with a stack trace; the sentence below says it all.
        if (System.getProperty("org.slf4j.simpleLogger.log.org.sqlite.SQLiteJDBCLoader") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.org.sqlite.SQLiteJDBCLoader", "off");
        }
        Path first = Path.of(System.getProperty(TMPDIR, System.getProperty("java.io.tmpdir", "")));
        if (attempt()) return;
        Path cache = cacheFolder();
        String second = "";
        if (System.getProperty(TMPDIR) == null && cache != null) {
            try {
                Files.createDirectories(cache);
                System.setProperty(TMPDIR, cache.toString());
                if (attempt()) return;
                System.clearProperty(TMPDIR);
                second = ", nor from " + cache;
            } catch (IOException | RuntimeException e) {
                second = ", and " + cache + " could not be made (" + e.getMessage() + ")";
            }
        }
        throw new StoreException("SQLite's native library could not be unpacked and loaded from Java's temp folder "
                + first + " (" + why(first) + ")" + second + ". Point Java at a folder this user may write and run"
                + " programs from, e.g. set the environment variable JAVA_TOOL_OPTIONS=-Djava.io.tmpdir=<folder>, and run again.");
    }

    private static boolean attempt() {
        try {
            loaded = SQLiteJDBCLoader.initialize();
        } catch (Exception | LinkageError e) {
            loaded = false;
        }
        return loaded;
    }

    /** What is wrong with the folder, as far as a look can tell. */
    private static String why(Path dir) {
        if (!Files.exists(dir)) return "it does not exist";
        if (!Files.isDirectory(dir)) return "it is not a folder";
        if (!Files.isWritable(dir)) return "it is not writable for this user";
        return "it may not allow running programs, e.g. mounted noexec";
    }

    /** %LOCALAPPDATA%\parkwait\native on Windows, else $XDG_CACHE_HOME or ~/.cache, then parkwait/native. */
    private static Path cacheFolder() {
        try {
            String local = System.getenv("LOCALAPPDATA");
            if (local != null && !local.isBlank()) return Path.of(local, "parkwait", "native");
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isBlank()) return Path.of(xdg, "parkwait", "native");
            String home = System.getProperty("user.home");
            return home == null || home.isBlank() ? null : Path.of(home, ".cache", "parkwait", "native");
        } catch (RuntimeException e) {
            return null; // an unusable path in the environment: there is no second folder to try
        }
    }
}
