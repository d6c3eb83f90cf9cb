package parkwait.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import parkwait.lock.LockJson;

/** Writes the one JSON document of --json to stdout. */
public final class JsonOut {
    private JsonOut() {
    }

    public static void print(PrintWriter out, Object document) {
        try {
            out.println(LockJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON", e);
        }
    }
}
