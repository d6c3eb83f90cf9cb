package parkwait.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Child process of {@link StoreCrashTest}: begins loading {@code key}, adds rows {@code from}..
 * {@code to} with a tiny page cache (so modified pages spill into the database file before the
 * commit), reports whether a hot journal exists, then halts without commit or cleanup.
 * Arguments: database, key, etag, token, from, to.
 */
final class CrashingLoad {
    private CrashingLoad() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        var options = new StoreOptions(StoreOptions.JournalMode.DELETE, Duration.ofSeconds(30), 64, Clock.systemUTC());
        Store store = Store.open(db, options);
        FileLoad load = store.beginFile(Facts.object(args[1], args[2]), Long.parseLong(args[3]), "crashing-run");
        Facts.posted(Integer.parseInt(args[4]), Integer.parseInt(args[5])).forEach(load::add);
        Path journal = db.resolveSibling(db.getFileName() + "-journal");
        System.out.println("journal " + Files.exists(journal) + " " + Files.size(journal));
        System.out.flush();
        Runtime.getRuntime().halt(42);
    }
}
