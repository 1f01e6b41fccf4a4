package io.sluice.storage.s3;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Uploads finished local files as S3 objects: one PutObject up to {@link #MULTIPART_THRESHOLD}, a
 * multipart upload above it (aborted when a part fails, so no invisible parts linger).
 */
public final class S3Uploader {
    public static final long MULTIPART_THRESHOLD = 64L << 20;
    public static final int PART_SIZE = 32 << 20;
    public static final int MAX_PARTS = 10_000;

    private final S3Client client;
    private final long multipartThreshold;
    private final int partSize;
    private final int maxParts;

    public S3Uploader(S3Client client) {
        this(client, MULTIPART_THRESHOLD, PART_SIZE);
    }

    /**
     * For tests of the multipart path with small files; {@code partSize} must be at least 5 MiB.
     */
    public S3Uploader(S3Client client, long multipartThreshold, int partSize) {
        this(client, multipartThreshold, partSize, MAX_PARTS);
    }

    /**
     * @param partSize the size of every part but the last (at least 5 MiB)
     * @param maxParts the most parts of one upload; a file too large for {@code maxParts} parts of
     *     {@code partSize} is cut into {@code maxParts} larger parts instead
     */
    public S3Uploader(S3Client client, long multipartThreshold, int partSize, int maxParts) {
        this.client = requireNonNull(client, "client is null");
        if (maxParts < 1 || maxParts > MAX_PARTS) {
            throw new IllegalArgumentException("maxParts must be between 1 and " + MAX_PARTS);
        }
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        this.maxParts = maxParts;
    }

    /** The part size used for a file of {@code size} bytes: never more than maxParts parts. */
    long partSizeFor(long size) {
        long needed = Math.max(partSize, (size + maxParts - 1) / maxParts);
        if (needed > Integer.MAX_VALUE) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "a file of "
                            + size
                            + " bytes needs parts over 2GB to fit in "
                            + maxParts
                            + " parts; raise multipart.max_parts or lower"
                            + " rolling_policy.file_size");
        }
        return needed;
    }

    /** Uploads {@code file} to {@code s3://bucket/key}, replacing an object of that name. */
    public void upload(Path file, String bucket, String key) {
        try {
            long size = Files.size(file);
            if (size <= multipartThreshold) {
                client.putObject(
                        request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
            } else {
                complete(bucket, key, prepare(file, bucket, key), size);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (SdkException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot upload s3://" + bucket + "/" + key + ": " + e.getMessage(),
                    e);
        }
    }

    /** An incomplete multipart upload holding a whole file. */
    public record PreparedUpload(String uploadId, List<String> partETags) {
        public PreparedUpload {
            requireNonNull(uploadId, "uploadId is null");
            partETags = List.copyOf(partETags);
        }
    }

    /**
     * Uploads {@code file} as the parts of a multipart upload to {@code s3://bucket/key} without
     * completing it: nothing is visible at the key until {@link #complete}. A failed upload is
     * aborted.
     */
    public PreparedUpload prepare(Path file, String bucket, String key) {
        String uploadId = null;
        try {
            long size = Files.size(file);
            long fileParts = partSizeFor(size);
            String id =
                    client.createMultipartUpload(request -> request.bucket(bucket).key(key))
                            .uploadId();
            uploadId = id;
            List<String> etags = new ArrayList<>();
            try (InputStream in = Files.newInputStream(file)) {
                long remaining = size;
                int partNumber = 1;
                do {
                    // the last part may be smaller than the minimum, even empty for an empty file
                    int length = (int) Math.min(fileParts, remaining);
                    byte[] chunk = in.readNBytes(length);
                    if (chunk.length != length) {
                        throw new IOException(file + " shrank while uploading");
                    }
                    int number = partNumber++;
                    etags.add(
                            client.uploadPart(
                                            request ->
                                                    request.bucket(bucket)
                                                            .key(key)
                                                            .uploadId(id)
                                                            .partNumber(number),
                                            RequestBody.fromBytes(chunk))
                                    .eTag());
                    remaining -= length;
                } while (remaining > 0);
            }
            return new PreparedUpload(id, etags);
        } catch (IOException | SdkException e) {
            if (uploadId != null) {
                abortQuietly(bucket, key, uploadId, e);
            }
            if (e instanceof IOException) {
                throw new UncheckedIOException("cannot read " + file, (IOException) e);
            }
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot upload s3://" + bucket + "/" + key + ": " + e.getMessage(),
                    e);
        }
    }

    /**
     * Completes a prepared upload, making the object visible. Idempotent: when the upload is gone
     * because an earlier attempt completed it, an object of {@code size} bytes at the key is
     * accepted.
     */
    public void complete(String bucket, String key, PreparedUpload upload, long size) {
        List<CompletedPart> parts = new ArrayList<>();
        for (int i = 0; i < upload.partETags().size(); i++) {
            parts.add(
                    CompletedPart.builder()
                            .partNumber(i + 1)
                            .eTag(upload.partETags().get(i))
                            .build());
        }
        try {
            client.completeMultipartUpload(
                    request ->
                            request.bucket(bucket)
                                    .key(key)
                                    .uploadId(upload.uploadId())
                                    .multipartUpload(mpu -> mpu.parts(parts)));
        } catch (SdkException e) {
            long existing;
            try {
                existing =
                        client.headObject(request -> request.bucket(bucket).key(key))
                                .contentLength();
            } catch (SdkException headFailure) {
                e.addSuppressed(headFailure);
                existing = -1;
            }
            if (existing == size) {
                return; // completed by an earlier attempt
            }
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot complete the upload of s3://"
                            + bucket
                            + "/"
                            + key
                            + ", and no object of "
                            + size
                            + " bytes is there: "
                            + e.getMessage(),
                    e);
        }
    }

    private void abortQuietly(String bucket, String key, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(
                    request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException abortFailure) {
            cause.addSuppressed(abortFailure);
        }
    }
}
