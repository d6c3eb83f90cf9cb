import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import parkwait.config.Config;
import parkwait.parse.FileKind;
import parkwait.parse.ParseStats;
import parkwait.parse.Parks;
import parkwait.parse.Parser;

/**
 * Line (e): the project's parser over every file of the bucket in this JVM, rows counted and
 * dropped, to separate parsing from storage. Files are read the way DirSource reads them.
 */
final class ParseOnly {
    /** One pass: wall time, input records seen, rows emitted, bytes read. */
    record Pass(double seconds, long recordsSeen, long rowsEmitted, long bytes) {
    }

    private ParseOnly() {
    }

    static Pass run(Path bucket) throws IOException {
        Map<String, ZoneId> zones = Config.defaults().zones();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(bucket)) {
            files = walk.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        long[] rows = {0};
        long seen = 0, emitted = 0, bytes = 0;
        long t0 = System.nanoTime();
        for (Path f : files) {
            String key = bucket.relativize(f).toString().replace('\\', '/');
            FileKind kind = FileKind.classify(key);
            Optional<String> property = Parks.propertyOfKey(key);
            if (kind == FileKind.UNKNOWN || property.isEmpty()) continue;
            try (InputStream in = Files.newInputStream(f)) {
                ParseStats stats = Parser.parse(kind, in, zones.get(property.get()), row -> rows[0]++);
                seen += stats.recordsSeen();
                emitted += stats.rowsEmitted();
            }
            bytes += Files.size(f);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (rows[0] != emitted) throw new IllegalStateException("The sink saw " + rows[0] + " rows, the parser says " + emitted + ".");
        return new Pass(seconds, seen, emitted, bytes);
    }
}
