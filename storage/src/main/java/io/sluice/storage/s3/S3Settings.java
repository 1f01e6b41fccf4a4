package io.sluice.storage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach an S3-compatible store. Without keys the AWS default credential chain is used
 * (environment, profile, instance role).
 *
 * @param endpoint a custom endpoint (MinIO, S3Proxy, R2); empty for AWS
 * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint};
 *     emulators usually need it
 * @param requestTimeout how long one attempt of a request may take before it is abandoned and
 *     retried; a stalled connection must not stall a checkpoint forever
 * @param maxAttempts attempts per request, the first included, for throttling, 5xx answers,
 *     timeouts and broken connections (with exponential backoff and jitter)
 */
public record S3Settings(
        Optional<URI> endpoint,
        String region,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        boolean pathStyle,
        Duration requestTimeout,
        int maxAttempts) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    public S3Settings {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException(
                    "access key id and secret access key must be given together");
        }
        requireNonNull(requestTimeout, "requestTimeout is null");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Settings with the default request timeout and retry budget. */
    public S3Settings(
            Optional<URI> endpoint,
            String region,
            Optional<String> accessKeyId,
            Optional<String> secretAccessKey,
            boolean pathStyle) {
        this(
                endpoint,
                region,
                accessKeyId,
                secretAccessKey,
                pathStyle,
                DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_ATTEMPTS);
    }

    @Override
    public String toString() {
        // The secret never reaches logs.
        return "S3Settings[endpoint="
                + endpoint
                + ", region="
                + region
                + ", accessKeyId="
                + accessKeyId
                + ", pathStyle="
                + pathStyle
                + ", requestTimeout="
                + requestTimeout
                + ", maxAttempts="
                + maxAttempts
                + "]";
    }
}
