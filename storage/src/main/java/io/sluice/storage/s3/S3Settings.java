package io.sluice.storage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;

/**
 * How to reach an S3-compatible store. Without keys the AWS default credential chain is used
 * (environment, profile, instance role).
 *
 * @param endpoint a custom endpoint (MinIO, S3Proxy, R2); empty for AWS
 * @param pathStyle address buckets as {@code endpoint/bucket} rather than {@code bucket.endpoint};
 *     emulators usually need it
 */
public record S3Settings(
        Optional<URI> endpoint,
        String region,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        boolean pathStyle) {
    public S3Settings {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKeyId, "accessKeyId is null");
        requireNonNull(secretAccessKey, "secretAccessKey is null");
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException(
                    "access key id and secret access key must be given together");
        }
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
                + "]";
    }
}
