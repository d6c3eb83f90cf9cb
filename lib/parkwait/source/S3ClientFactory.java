package parkwait.source;

import java.net.URI;
import java.net.URISyntaxException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;

/** Builds S3 clients the one way this project uses them. */
final class S3ClientFactory {
    private S3ClientFactory() {
    }

    /**
     * @param credentials null for the SDK's default chain (environment, profiles, SSO, roles)
     */
    static S3Client create(S3Settings settings, AwsCredentialsProvider credentials) {
        var timeouts = settings.timeouts();
        var builder = S3Client.builder()
                .region(resolveRegion(settings))
                .credentialsProvider(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                .forcePathStyle(settings.usePathStyle())
                // DESIGN 5: since SDK 2.30 many S3-compatible stores reject the new default checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(timeouts.connect())
                        .socketTimeout(timeouts.socket()))
                // Adaptive mode backs off under throttling (SlowDown) as well as on errors.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build()));
        if (settings.endpointUrl() != null) builder.endpointOverride(sdkEndpoint(settings.endpointUrl()));
        return builder.build();
    }

    /**
     * The endpoint without user-info, query or fragment. The SDK would append the endpoint's query to
     * every request it sends, so a pasted presigned URL's signature and token would reach the store's
     * access logs; user-info is never used for S3 authentication anyway.
     */
    static URI sdkEndpoint(URI endpoint) {
        try {
            return new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(), endpoint.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new SourceException(SourceException.Kind.INVALID_SETTING, "The endpoint URL " + S3Settings.redact(endpoint)
                    + " is not valid: write it as http://host:port or https://host.", e);
        }
    }

    /** The configured region, else the SDK's chain (AWS_REGION, the profile), else us-east-1. */
    static Region resolveRegion(S3Settings settings) {
        if (settings.region() != null) return Region.of(settings.region());
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.of(S3Settings.FALLBACK_REGION);
        }
    }
}
