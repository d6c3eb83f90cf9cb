package parkwait.source;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3 bucket, or a folder in one, through the AWS SDK for Java v2.
 *
 * <p>The client is built on first use, so that a run with a local source or with nothing to do
 * before listing never pays for it. Credentials come from the SDK's default chain and never
 * appear in {@link #describe()} or in any message. Keys are relative to the settings' prefix,
 * so a bucket and a local mirror of it list the same keys.
 *
 * <p>Problems with the bucket, credentials or endpoint throw {@link SourceException}; a failed
 * request about one object throws {@link IOException}. Thread-safe.
 */
public final class S3Source implements Source {
    /** S3's largest page. */
    static final int DEFAULT_PAGE_SIZE = 1000;

    private final S3Settings settings;
    private final Function<S3Settings, S3Client> clientFactory;
    private final int pageSize;
    private S3Client client; // guarded by this
    private S3Errors errors; // guarded by this

    /** A source that builds its client from the settings and the SDK's default credential chain. */
    public S3Source(S3Settings settings) {
        this(settings, S3Settings::newClient, DEFAULT_PAGE_SIZE);
    }

    /** For tests: another client (e.g. fixed credentials) and a small page size to exercise pagination. */
    S3Source(S3Settings settings, Function<S3Settings, S3Client> clientFactory, int pageSize) {
        this.settings = settings;
        this.clientFactory = clientFactory;
        this.pageSize = pageSize;
    }

    public S3Settings settings() {
        return settings;
    }

    /** {@code s3://bucket/prefix}; no endpoint user-info, no credentials. */
    @Override
    public String describe() {
        return settings.describe();
    }

    @Override
    public List<SourceObject> list(List<String> properties) throws IOException {
        var prefixes = Keys.prefixes(properties);
        S3Client s3 = client();
        List<SourceObject> objects = new ArrayList<>();
        for (String prefix : prefixes) {
            String fullPrefix = settings.prefix() + prefix;
            var request = ListObjectsV2Request.builder()
                    .bucket(settings.bucket())
                    .prefix(fullPrefix)
                    .maxKeys(pageSize)
                    .overrideConfiguration(o -> o.apiCallTimeout(settings.timeouts().apiCall()))
                    .build();
            try {
                for (S3Object o : s3.listObjectsV2Paginator(request).contents()) {
                    String key = o.key().substring(settings.prefix().length());
                    // Every object is listed, so that one that is not a wait-time file is reported, not
                    // dropped silently; a "folder/" placeholder is not an object anyone put there.
                    if (!key.isEmpty() && !key.endsWith("/")) {
                        objects.add(new SourceObject(key, unquote(o.eTag()), o.size(), o.lastModified()));
                    }
                }
            } catch (SdkException e) {
                throw errors().translate(e, "list s3://" + settings.bucket() + "/" + fullPrefix);
            }
        }
        objects.sort(Keys.ORDER);
        return objects;
    }

    /**
     * Streams the object. A body that breaks off is resumed where it broke, on the same version,
     * within the settings' attempts ({@link ResumingObjectStream}); if it cannot be, read() throws an
     * IOException naming the object. Closing the stream before the end aborts the download instead
     * of draining it.
     */
    @Override
    public InputStream open(SourceObject object) throws IOException {
        String key = settings.prefix() + object.key();
        String name = "s3://" + settings.bucket() + "/" + key + " (endpoint " + settings.describeEndpoint() + ")";
        return new ResumingObjectStream(get(key, null, null), (range, ifMatch) -> get(key, range, ifMatch), name,
                settings.maxAttempts());
    }

    private ResponseInputStream<GetObjectResponse> get(String key, String range, String ifMatch) throws IOException {
        try {
            return client().getObject(b -> b.bucket(settings.bucket()).key(key).range(range).ifMatch(ifMatch));
        } catch (S3Exception e) {
            if (ifMatch != null && e.statusCode() == 412) {
                throw new IOException("Could not read s3://" + settings.bucket() + "/" + key + ": it changed while it was"
                        + " being read", e);
            }
            throw errors().translate(e, "read s3://" + settings.bucket() + "/" + key);
        } catch (SdkException e) {
            throw errors().translate(e, "read s3://" + settings.bucket() + "/" + key);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private synchronized S3Client client() {
        if (client == null) {
            client = clientFactory.apply(settings);
            errors = new S3Errors(settings, client.serviceClientConfiguration().region().id());
        }
        return client;
    }

    private synchronized S3Errors errors() {
        return errors != null ? errors : new S3Errors(settings, String.valueOf(settings.region()));
    }

    static String unquote(String etag) {
        if (etag == null) return "";
        String e = etag.strip();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) e = e.substring(1, e.length() - 1);
        return e;
    }
}
