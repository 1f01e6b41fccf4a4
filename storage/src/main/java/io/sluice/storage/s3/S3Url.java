package io.sluice.storage.s3;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * An {@code s3://bucket/prefix} URL taken apart: the bucket, and the key prefix without leading or
 * trailing slashes (empty for the bucket's root).
 */
public record S3Url(String bucket, String prefix) {
    public S3Url {
        requireNonNull(bucket, "bucket is null");
        requireNonNull(prefix, "prefix is null");
    }

    /**
     * The parts of {@code url}; empty when it is not an {@code s3://} URL or names no bucket, so
     * that each caller reports a bad path in its own terms.
     */
    public static Optional<S3Url> parse(String url) {
        if (!url.startsWith("s3://")) {
            return Optional.empty();
        }
        String rest = url.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new S3Url(bucket, slash < 0 ? "" : trimSlashes(rest.substring(slash + 1))));
    }

    private static String trimSlashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '/') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '/') {
            end--;
        }
        return text.substring(start, end);
    }
}
