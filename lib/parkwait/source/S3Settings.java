package parkwait.source;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a bucket. AWS credentials are not here: they always come from the SDK's default
 * chain (environment, profiles, SSO, instance roles), so they never pass through our options,
 * logs or messages (DESIGN 5).
 *
 * @param bucket      the bucket, e.g. {@code touringplans_stats}
 * @param prefix      the folder inside the bucket that plays the role of the root ("" for the
 *                    bucket's top); normalised to no leading '/' and one trailing '/'
 * @param region      the region, or null to take it from the SDK's chain ({@code AWS_REGION},
 *                    the profile), else {@code us-east-1}
 * @param endpointUrl an S3-compatible endpoint (e.g. {@code http://127.0.0.1:9090}), or null for AWS
 * @param pathStyle   path-style addressing; forced on whenever an endpoint is set
 * @param timeouts    network time limits
 * @param maxAttempts attempts per request, first one included (adaptive retry mode)
 */
public record S3Settings(String bucket, String prefix, String region, URI endpointUrl, boolean pathStyle,
                         Timeouts timeouts, int maxAttempts) {

    /** The bucket of the real data (DESIGN 4.1). */
    public static final String DEFAULT_BUCKET = "touringplans_stats";
    /** Used when the SDK's chain names no region. */
    public static final String FALLBACK_REGION = "us-east-1";

    /**
     * @param connect  to open a connection
     * @param socket   between two reads on an open connection; this is what stops a stalled download
     * @param apiCall  for a whole listing request including its retries (downloads are not limited
     *                 as a whole, since a big file on a slow line may legitimately take long)
     */
    public record Timeouts(Duration connect, Duration socket, Duration apiCall) {
        public static final Timeouts DEFAULT =
                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofMinutes(3));

        public Timeouts {
            Objects.requireNonNull(connect, "connect");
            Objects.requireNonNull(socket, "socket");
            Objects.requireNonNull(apiCall, "apiCall");
        }
    }

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new SourceException(SourceException.Kind.INVALID_SETTING,
                    "No S3 bucket is set: give --source s3://bucket or set s3_bucket in the configuration.");
        }
        prefix = normalisePrefix(prefix);
        region = region == null || region.isBlank() ? null : region.trim();
        if (endpointUrl != null) {
            String scheme = endpointUrl.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || endpointUrl.getHost() == null) {
                throw new SourceException(SourceException.Kind.INVALID_SETTING, "The endpoint URL \""
                        + redactText(endpointUrl.toString()) + "\" is not valid: write it as http://host:port or https://host.");
            }
        }
        timeouts = timeouts == null ? Timeouts.DEFAULT : timeouts;
        if (maxAttempts < 1) {
            throw new SourceException(SourceException.Kind.INVALID_SETTING,
                    "The number of S3 attempts must be at least 1, not " + maxAttempts + ".");
        }
    }

    /** The real bucket on AWS, region and credentials from the SDK's chain, 5 attempts per request. */
    public static S3Settings defaults() {
        return new S3Settings(DEFAULT_BUCKET, "", null, null, false, Timeouts.DEFAULT, 5);
    }

    /**
     * The defaults, with the endpoint taken from {@code AWS_ENDPOINT_URL_S3} or
     * {@code AWS_ENDPOINT_URL} when set (the names the AWS CLI and SDKs use).
     */
    public static S3Settings fromEnvironment(Map<String, String> env) {
        String endpoint = firstNonBlank(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"));
        return defaults().withEndpointUrl(endpoint == null ? null : parseEndpoint(endpoint));
    }

    public S3Settings withBucket(String bucket, String prefix) {
        return new S3Settings(bucket, prefix, region, endpointUrl, pathStyle, timeouts, maxAttempts);
    }

    public S3Settings withRegion(String region) {
        return new S3Settings(bucket, prefix, region, endpointUrl, pathStyle, timeouts, maxAttempts);
    }

    public S3Settings withEndpointUrl(URI endpointUrl) {
        return new S3Settings(bucket, prefix, region, endpointUrl, pathStyle, timeouts, maxAttempts);
    }

    public S3Settings withPathStyle(boolean pathStyle) {
        return new S3Settings(bucket, prefix, region, endpointUrl, pathStyle, timeouts, maxAttempts);
    }

    public S3Settings withTimeouts(Timeouts timeouts) {
        return new S3Settings(bucket, prefix, region, endpointUrl, pathStyle, timeouts, maxAttempts);
    }

    public S3Settings withMaxAttempts(int maxAttempts) {
        return new S3Settings(bucket, prefix, region, endpointUrl, pathStyle, timeouts, maxAttempts);
    }

    /**
     * Builds a client for these settings with the SDK's default credential chain. The caller closes it.
     * See {@link S3ClientFactory} for what is configured and why.
     */
    public software.amazon.awssdk.services.s3.S3Client newClient() {
        return S3ClientFactory.create(this, null);
    }

    @Override
    public String toString() {
        return "S3Settings[" + describe() + ", region=" + (region == null ? "(SDK chain)" : region)
                + ", endpoint=" + describeEndpoint() + ", pathStyle=" + usePathStyle() + ", " + timeouts
                + ", maxAttempts=" + maxAttempts + "]";
    }

    /** Path style is used when asked for, and always with a custom endpoint (S3-compatible stores need it). */
    public boolean usePathStyle() {
        return pathStyle || endpointUrl != null;
    }

    /** {@code s3://bucket/prefix}, for people and logs. */
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    /** The endpoint for messages: scheme, host and port only, so that no user-info or query leaks. */
    public String describeEndpoint() {
        return endpointUrl == null ? "AWS" : redact(endpointUrl);
    }

    /** Parses an endpoint given as text; a clear sentence if it is malformed. */
    public static URI parseEndpoint(String text) {
        try {
            return new URI(text.trim());
        } catch (java.net.URISyntaxException e) {
            throw new SourceException(SourceException.Kind.INVALID_SETTING, "The endpoint URL \"" + redactText(text)
                    + "\" is not valid: write it as http://host:port or https://host.", null);
        }
    }

    static String redact(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme() + "://";
        String host = uri.getHost() == null ? "?" : uri.getHost();
        return scheme + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** Text that failed to parse as a URL, without a user-info part or a query that might hold a secret. */
    private static String redactText(String text) {
        String t = text.strip().replaceFirst("^([^/]*//)?[^/@]*@", "$1");
        int query = t.indexOf('?');
        return query < 0 ? t : t.substring(0, query);
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null) return "";
        String p = prefix;
        while (p.startsWith("/")) p = p.substring(1);
        if (!p.isEmpty() && !p.endsWith("/")) p += "/";
        return p;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a;
        return b != null && !b.isBlank() ? b : null;
    }
}
