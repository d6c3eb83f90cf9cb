package parkwait.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Turns the SDK's exceptions into ours. Problems with the bucket, the credentials or the endpoint
 * become a {@link SourceException} with one sentence (DESIGN 4.6: fail fast); anything else
 * about one request stays an {@link IOException} that the pipeline may retry or record.
 * Only error codes and host names go into messages, never the service's text, so no key id leaks.
 */
public final class S3Errors {
    private final S3Settings settings;
    private final String region;
    /** What the access-denied sentence asks for: the source lists and reads; the S3 lock also writes and deletes. */
    private final String permissions;

    S3Errors(S3Settings settings, String region) {
        this(settings, region, "s3:ListBucket and s3:GetObject");
    }

    private S3Errors(S3Settings settings, String region, String permissions) {
        this.settings = settings;
        this.region = region;
        this.permissions = permissions;
    }

    /**
     * The one sentence the S3 source says for {@code e}, for the S3 lock (issue 12: the same cause
     * reads the same everywhere, never the SDK's wall of text), asking for {@code permissions} when
     * access is denied.
     */
    public static String sentence(S3Settings settings, SdkException e, String what, String permissions) {
        String region = settings.region() != null ? settings.region() : S3Settings.FALLBACK_REGION;
        try {
            return new S3Errors(settings, region, permissions).translate(e, what).getMessage();
        } catch (SourceException fatal) {
            return fatal.getMessage();
        }
    }

    /**
     * Throws a {@link SourceException} for problems that stop the run; returns an IOException,
     * for the caller to throw, for problems with one request.
     *
     * @param what what was being done, e.g. "list s3://b/p/" or "read s3://b/k"
     */
    IOException translate(SdkException e, String what) {
        String where = settings.describe() + " (endpoint " + settings.describeEndpoint() + ")";
        String bucket = "s3://" + settings.bucket();
        if (e instanceof NoSuchKeyException) {
            return new NoSuchFileException(what.replaceFirst("^\\w+ ", ""), null,
                    "the object does not exist (any more); it may have been deleted since the listing");
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            if (e instanceof NoSuchBucketException || "NoSuchBucket".equals(code)) {
                throw fatal(SourceException.Kind.NOT_FOUND, e, "The bucket " + bucket + " does not exist (endpoint "
                        + settings.describeEndpoint() + "): check the bucket name in --source or s3_bucket, and the endpoint.");
            }
            if (code != null && switch (code) {
                case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken",
                     "TokenRefreshRequired", "InvalidSecurity" -> true;
                default -> false;
            }) {
                throw fatal(SourceException.Kind.BAD_CREDENTIALS, e, "The AWS credentials in use were rejected by "
                        + where + " with " + code + ": check AWS_PROFILE or the keys in the environment,"
                        + " and sign in again (aws sso login) if they come from SSO.");
            }
            if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code) || status == 403) {
                throw fatal(SourceException.Kind.ACCESS_DENIED, e, "Access denied to " + where
                        + ": check the AWS profile or keys in use have " + permissions + ".");
            }
            if ("PermanentRedirect".equals(code) || "AuthorizationHeaderMalformed".equals(code) || status == 301) {
                throw fatal(SourceException.Kind.WRONG_REGION, e, "The bucket " + bucket + " is not in region "
                        + region + ": set AWS_REGION or --region to the bucket's region.");
            }
            return new IOException("Could not " + what + " (endpoint " + settings.describeEndpoint() + "): "
                    + (code == null ? "HTTP " + status : code + ", HTTP " + status) + ".", e);
        }
        if (causedBy(e, UnknownHostException.class) != null) {
            String host = causedBy(e, UnknownHostException.class).getMessage();
            throw fatal(SourceException.Kind.UNREACHABLE, e, "Cannot reach " + where + ": the host "
                    + (host == null ? "" : host + " ") + "is unknown; check --endpoint-url or AWS_ENDPOINT_URL,"
                    + " the network and the proxy.");
        }
        if (causedBy(e, ConnectException.class) != null) {
            throw fatal(SourceException.Kind.UNREACHABLE, e, "Cannot reach " + where
                    + ": the connection was refused; check that the S3 service is running and the endpoint is right.");
        }
        if (mentions(e, "unable to load credentials")) {
            throw fatal(SourceException.Kind.BAD_CREDENTIALS, e, "No AWS credentials were found for " + where
                    + ": set AWS_PROFILE, run aws sso login, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
        }
        return new IOException("Could not " + what + " (endpoint " + settings.describeEndpoint() + "): "
                + e.getMessage(), e);
    }

    private static SourceException fatal(SourceException.Kind kind, SdkException cause, String sentence) {
        return new SourceException(kind, sentence, cause);
    }

    private static <T extends Throwable> T causedBy(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase(Locale.ROOT).contains(text)) return true;
        }
        return false;
    }
}
