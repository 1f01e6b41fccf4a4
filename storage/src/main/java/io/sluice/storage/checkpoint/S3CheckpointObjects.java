package io.sluice.storage.checkpoint;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Checkpoint state as objects under an S3 prefix; a PutObject is atomic, so no temporary key. */
public final class S3CheckpointObjects implements CheckpointObjects {
    private final S3Client client;
    private final String bucket;
    private final String prefix;

    /**
     * @param prefix the key prefix, without leading or trailing slash; may be empty
     */
    public S3CheckpointObjects(S3Client client, String bucket, String prefix) {
        this.client = requireNonNull(client, "client is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    @Override
    public void put(String key, byte[] bytes) {
        try {
            client.putObject(
                    request -> request.bucket(bucket).key(objectKey(key)),
                    RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.of(
                    client.getObjectAsBytes(request -> request.bucket(bucket).key(objectKey(key)))
                            .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(request -> request.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public String location(String key) {
        return "s3://" + bucket + "/" + objectKey(key);
    }

    private String objectKey(String key) {
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    private SluiceException failure(String action, String key, SdkException e) {
        return new SluiceException(
                ErrorCode.EXTERNAL_ERROR,
                "cannot " + action + " checkpoint state " + location(key) + ": " + e.getMessage(),
                e);
    }

    @Override
    public void close() {
        client.close();
    }
}
