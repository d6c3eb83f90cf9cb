package parkwait.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where the exports come from: an S3 bucket or a local folder laid out like it. */
public interface Source extends AutoCloseable {

    /** Standby folder of a property, e.g. {@code export/wait_times/wdw/}. */
    static String standbyPrefix(String property) { return "export/wait_times/" + property + "/"; }

    /** Priority (fastpass) folder of a property, e.g. {@code export/fastpass_times/wdw/}. */
    static String priorityPrefix(String property) { return "export/fastpass_times/" + property + "/"; }

    /** A description for people and logs: {@code s3://bucket/prefix} or the folder's path. No secrets. */
    String describe();

    /**
     * Every object whose key ends in {@code .csv} (any case) under the standby and priority
     * folders of the given properties, sorted by key in code-point order. Follows pagination.
     */
    List<SourceObject> list(List<String> properties) throws IOException;

    /** Streams one object's bytes. The caller closes the stream. */
    InputStream open(SourceObject object) throws IOException;

    @Override
    void close();
}
