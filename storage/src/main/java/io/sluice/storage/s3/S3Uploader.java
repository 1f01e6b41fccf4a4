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
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Uploads finished local files as S3 objects: one PutObject up to {@link #MULTIPART_THRESHOLD}, a
 * multipart upload above it (aborted when a part fails, so no invisible parts linger).
 */
public final class S3Uploader {
    public static final long MULTIPART_THRESHOLD = 64L << 20;
    public static final int PART_SIZE = 32 << 20;

    private final S3Client client;
    private final long multipartThreshold;
    private final int partSize;

    public S3Uploader(S3Client client) {
        this(client, MULTIPART_THRESHOLD, PART_SIZE);
    }

    /**
     * For tests of the multipart path with small files; {@code partSize} must be at least 5 MiB.
     */
    public S3Uploader(S3Client client, long multipartThreshold, int partSize) {
        this.client = requireNonNull(client, "client is null");
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
    }

    /** Uploads {@code file} to {@code s3://bucket/key}, replacing an object of that name. */
    public void upload(Path file, String bucket, String key) {
        try {
            long size = Files.size(file);
            if (size <= multipartThreshold) {
                client.putObject(
                        request -> request.bucket(bucket).key(key), RequestBody.fromFile(file));
            } else {
                uploadMultipart(file, size, bucket, key);
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

    private void uploadMultipart(Path file, long size, String bucket, String key)
            throws IOException {
        String uploadId =
                client.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        try (InputStream in = Files.newInputStream(file)) {
            List<CompletedPart> parts = new ArrayList<>();
            long remaining = size;
            for (int partNumber = 1; remaining > 0; partNumber++) {
                int length = (int) Math.min(partSize, remaining);
                byte[] chunk = in.readNBytes(length);
                if (chunk.length != length) {
                    throw new IOException(file + " shrank while uploading");
                }
                int number = partNumber;
                UploadPartResponse response =
                        client.uploadPart(
                                request ->
                                        request.bucket(bucket)
                                                .key(key)
                                                .uploadId(uploadId)
                                                .partNumber(number),
                                RequestBody.fromBytes(chunk));
                parts.add(CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
                remaining -= length;
            }
            client.completeMultipartUpload(
                    request ->
                            request.bucket(bucket)
                                    .key(key)
                                    .uploadId(uploadId)
                                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (IOException | RuntimeException e) {
            try {
                client.abortMultipartUpload(
                        request -> request.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }
}
