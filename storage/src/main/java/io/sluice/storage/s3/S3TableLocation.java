package io.sluice.storage.s3;

import static java.util.Objects.requireNonNull;

/**
 * Where a table lives on S3 and how to reach it.
 *
 * @param bucket the bucket
 * @param prefix the key prefix of the table's root, without leading or trailing slash; empty for
 *     the bucket's root
 * @param settings how to reach the store
 */
public record S3TableLocation(String bucket, String prefix, S3Settings settings) {
    public S3TableLocation {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(settings, "settings is null");
    }

    /** The key of {@code relativePath} below the table's root. */
    public String key(String relativePath) {
        return prefix.isEmpty() ? relativePath : prefix + "/" + relativePath;
    }

    /** The table's root as an {@code s3://} URI, without trailing slash. */
    public String uri() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
