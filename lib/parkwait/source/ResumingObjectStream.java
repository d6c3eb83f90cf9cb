package parkwait.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * An object's bytes, read through breaks in the body (DESIGN 4.6). The SDK retries a request
 * until its answer starts, but not a body that breaks off later: a connection reset, a body cut
 * short of its Content-Length, or a read stalled past the socket timeout. Then this stream asks
 * for the rest again, from the first byte not yet delivered ({@code Range}), of the version first
 * read ({@code If-Match} on its ETag), after an exponential backoff with jitter.
 *
 * <p>The reader sees every byte of one version exactly once and in order, or an IOException:
 * never duplicated, missing or mixed bytes. At most {@code maxAttempts} answers are read per
 * download, the first included. Closing before the end aborts the connection instead of draining it.
 */
final class ResumingObjectStream extends InputStream {
    /** The first backoff; each further one doubles, up to {@link #MAX_BACKOFF_MS}. */
    static final long BASE_BACKOFF_MS = 200;
    static final long MAX_BACKOFF_MS = 5_000;

    /** A GetObject for a range of the object, on a version; the caller translates SDK errors. */
    interface Fetch {
        ResponseInputStream<GetObjectResponse> get(String range, String ifMatch) throws IOException;
    }

    private final Fetch fetch;
    private final String name;
    private final int maxAttempts;
    private final long length;
    private final String etag;
    private ResponseInputStream<GetObjectResponse> current;
    private long position;
    private int attempts = 1;
    private boolean atEnd;

    /**
     * @param first       the answer to the first, whole-object GetObject
     * @param name        the object and endpoint for messages, e.g. {@code s3://b/k (endpoint http://h:9000)}
     * @param maxAttempts answers read at most, the first included
     */
    ResumingObjectStream(ResponseInputStream<GetObjectResponse> first, Fetch fetch, String name, int maxAttempts) {
        this.current = first;
        this.fetch = fetch;
        this.name = name;
        this.maxAttempts = maxAttempts;
        Long len = first.response().contentLength();
        this.length = len == null ? -1 : len;
        this.etag = first.response().eTag();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!atEnd) {
            IOException broke;
            try {
                int n = current.read(buf, off, len);
                if (n > 0) {
                    position += n;
                    return n;
                }
                if (n == 0) continue;
                if (length < 0 || position == length) break;
                broke = new EOFException("the body ended after " + position + " of " + length + " bytes");
            } catch (IOException e) {
                broke = e;
            } catch (SdkException e) {
                broke = new IOException(e.getMessage(), e);
            }
            if (position == length) break; // every byte arrived; only the end of the answer broke
            resume(broke);
        }
        atEnd = true;
        return -1;
    }

    @Override
    public void close() throws IOException {
        if (!atEnd) current.abort();
        current.close();
    }

    private void resume(IOException broke) throws IOException {
        current.abort();
        if (attempts >= maxAttempts || etag == null || length < 0) {
            throw new IOException("Could not read " + name + ": the download broke off " + attempts
                    + (attempts == 1 ? " time" : " times") + ", the last time after " + position + " of " + length
                    + " bytes (" + describe(broke) + ")", broke);
        }
        backoff(attempts);
        attempts++;
        ResponseInputStream<GetObjectResponse> next = fetch.get("bytes=" + position + "-", etag);
        String range = next.response().contentRange();
        if (range == null || !range.startsWith("bytes " + position + "-")) {
            next.abort();
            throw new IOException("Could not read " + name + ": asked to resume at byte " + position
                    + ", the store answered with " + (range == null ? "the whole object" : "the range " + range));
        }
        current = next;
    }

    /** Exponential backoff with equal jitter: half the delay fixed, half random, so retries spread out. */
    private static void backoff(int attempt) throws InterruptedIOException {
        long delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(attempt - 1, 16));
        long sleep = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to resume a download");
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
