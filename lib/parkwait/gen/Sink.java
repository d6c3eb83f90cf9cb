package parkwait.gen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * Where generated objects go, one key at a time: a folder laid out like the bucket
 * ({@link FolderSink}), or anything else that can take a stream per key (an S3 upload).
 */
@FunctionalInterface
public interface Sink {

    /**
     * A stream for the object {@code key} ('/'-separated, relative to the bucket root). The
     * generator writes the whole object, then closes the stream; the object should appear only
     * then. Keys are never reused within one run.
     */
    OutputStream create(String key) throws IOException;

    /** A sink that writes files under {@code root}. */
    static Sink folder(Path root) { return new FolderSink(root); }
}
