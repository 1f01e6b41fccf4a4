package io.sluice.storage.checkpoint;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3Settings;
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
            String rest = url.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
            if (bucket.isEmpty()) {
                throw invalid(url);
            }
            return new S3CheckpointObjects(S3Clients.create(s3), bucket, prefix);
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

    private static SluiceException invalid(String url) {
        return new SluiceException(
                ErrorCode.INVALID_OPTION,
                "checkpoint.url must be s3://bucket/prefix, file:///directory or a directory, not '"
                        + url
                        + "'");
    }
}
