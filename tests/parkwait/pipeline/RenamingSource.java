package parkwait.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import parkwait.source.Source;
import parkwait.source.SourceObject;

/** A source whose listing shows some keys under other names (stand-in -> shown), and opens them back. */
final class RenamingSource implements Source {
    private final Source real;
    private final Map<String, String> shown;
    private final Map<String, String> back = new TreeMap<>();

    RenamingSource(Source real, Map<String, String> shown) {
        this.real = real;
        this.shown = shown;
        shown.forEach((standIn, odd) -> back.put(odd, standIn));
    }

    @Override public String describe() {
        return real.describe();
    }

    @Override public List<SourceObject> list(List<String> properties) throws IOException {
        List<SourceObject> objects = new ArrayList<>();
        for (SourceObject o : real.list(properties)) {
            objects.add(new SourceObject(shown.getOrDefault(o.key(), o.key()), o.etag(), o.size(), o.lastModified()));
        }
        return objects;
    }

    @Override public InputStream open(SourceObject o) throws IOException {
        return real.open(new SourceObject(back.getOrDefault(o.key(), o.key()), o.etag(), o.size(), o.lastModified()));
    }

    @Override public void close() {
        real.close();
    }
}
