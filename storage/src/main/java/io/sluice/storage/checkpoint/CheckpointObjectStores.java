package io.sluice.storage.checkpoint;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
import io.sluice.storage.s3.S3Url;
import java.net.URI;
import java.nio.file.Path;

/** Opens the {@link CheckpointObjects} a checkpoint URL names. */
public final class CheckpointObjectStores {
    private CheckpointObjectStores() {}

    /**
     * @param url {@code s3://bucket/prefix}, {@code file:///dir} or an absolute directory
     * @param s3 how to reach S3, used for {@code s3://} URLs only
     */
    public static CheckpointObjects open(String url, S3Settings s3) {
        if (url.startsWith("s3://")) {
            S3Url location = S3Url.parse(url).orElseThrow(() -> invalid(url));
            return new S3CheckpointObjects(
                    S3Clients.create(s3), location.bucket(), location.prefix());
        }
        Path directory;
        if (url.startsWith("file:")) {
            directory = Path.of(URI.create(url));
        } else {
            directory = Path.of(url);
        }
        if (!directory.isAbsolute()) {
            directory = directory.toAbsolutePath();
        }
        return new LocalCheckpointObjects(directory);
    }

    private static SluiceException invalid(String url) {
        return new SluiceException(
                ErrorCode.INVALID_OPTION,
                "checkpoint.url must be s3://bucket/prefix, file:///directory or a directory, not '"
                        + url
                        + "'");
    }
}
