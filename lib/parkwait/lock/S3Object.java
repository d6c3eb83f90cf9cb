package parkwait.lock;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The lock object in S3 and the compare-and-swap operations on it (DESIGN 3.5). Remembers the
 * server's clock from every response's Date header, so leases are judged in server time.
 */
final class S3Object {
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final Clock local;
    private volatile Duration skew = Duration.ZERO; // server time minus local time

    S3Object(S3Client client, String bucket, String key, Clock local) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.local = local;
    }

    String url() {
        return "s3://" + bucket + "/" + key;
    }

    /** The server's clock, as last seen, advanced by the local clock since. */
    Instant serverNow() {
        return local.instant().plus(skew);
    }

    /** The lock object: its bytes, ETag and last-modified; empty when there is none. */
    record Current(byte[] bytes, String etag, Instant lastModified) {
    }

    Optional<Current> get() {
        try {
            ResponseBytes<GetObjectResponse> r = client.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            noteDate(r.response().sdkHttpResponse());
            return Optional.of(new Current(r.asByteArray(), r.response().eTag(), r.response().lastModified()));
        } catch (NoSuchKeyException e) {
            noteDate(e.awsErrorDetails() == null ? null : e.awsErrorDetails().sdkHttpResponse());
            return Optional.empty();
        }
    }

    /** PUT with If-None-Match: *. Returns the new ETag, or empty when the object exists (412). */
    Optional<String> create(String json) {
        return put(json, null, true, key);
    }

    /** PUT with If-Match: etag (compare-and-swap). Returns the new ETag, or empty when it changed (412). */
    Optional<String> replace(String json, String etag) {
        return put(json, etag, false, key);
    }

    /** The last fencing token issued through this lock, kept beside it in {@code key.token} (0 if none). */
    long lastToken() {
        try {
            ResponseBytes<GetObjectResponse> r = client.getObjectAsBytes(b -> b.bucket(bucket).key(key + ".token"));
            noteDate(r.response().sdkHttpResponse());
            String text = r.asUtf8String().trim();
            return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : 0;
        } catch (NoSuchKeyException e) {
            return 0;
        }
    }

    /** Records the last token issued. Only a run that just won the lock writes it. */
    void recordToken(long token) {
        var r = client.putObject(b -> b.bucket(bucket).key(key + ".token").contentType("text/plain"),
                RequestBody.fromString(Long.toString(token)));
        noteDate(r.sdkHttpResponse());
    }

    /** DELETE with If-Match: etag. False when the object is no longer the one we wrote. */
    boolean deleteIf(String etag) {
        try {
            noteDate(client.deleteObject(b -> b.bucket(bucket).key(key).ifMatch(etag)).sdkHttpResponse());
            return true;
        } catch (S3Exception e) {
            if (isConflict(e)) return false;
            throw e;
        }
    }

    /** DELETE without condition (lock.java --clear --force on a record that keeps changing). */
    void delete() {
        noteDate(client.deleteObject(b -> b.bucket(bucket).key(key)).sdkHttpResponse());
    }

    /**
     * True when the store enforces If-None-Match: a second conditional create of one probe key must
     * be refused. A store that accepts it would let two runs "win" at once, so we refuse to run.
     */
    boolean enforcesConditionalWrites() {
        String probe = key + ".conditional-write-probe";
        put("{}", null, true, probe);
        return put("{}", null, true, probe).isEmpty();
    }

    private Optional<String> put(String json, String ifMatch, boolean ifNoneMatch, String target) {
        try {
            var r = client.putObject(b -> {
                b.bucket(bucket).key(target).contentType("application/json");
                if (ifMatch != null) b.ifMatch(ifMatch);
                if (ifNoneMatch) b.ifNoneMatch("*");
            }, RequestBody.fromBytes(json.getBytes(StandardCharsets.UTF_8)));
            noteDate(r.sdkHttpResponse());
            return Optional.of(r.eTag());
        } catch (S3Exception e) {
            noteDate(e.awsErrorDetails() == null ? null : e.awsErrorDetails().sdkHttpResponse());
            if (isConflict(e)) return Optional.empty();
            throw e;
        }
    }

    /** 412 Precondition Failed, 409 ConditionalRequestConflict, or 404 for an If-Match on a vanished key. */
    private static boolean isConflict(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409 || e.statusCode() == 404;
    }

    private void noteDate(SdkHttpResponse response) {
        if (response == null) return;
        response.firstMatchingHeader("Date").ifPresent(d -> {
            try {
                Instant server = ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                skew = Duration.between(local.instant(), server);
            } catch (RuntimeException ignored) {
                // a store without a parseable Date header: keep the last known skew
            }
        });
    }
}
