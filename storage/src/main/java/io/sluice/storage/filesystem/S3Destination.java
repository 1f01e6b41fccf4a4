package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.s3.S3Uploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Objects under an S3 prefix. Files are written into a local staging directory owned by this
 * subtask and uploaded when finished; an object appears in the bucket only complete.
 */
final class S3Destination implements FileDestination {
    private final S3Client client;
    private final S3Uploader uploader;
    private final String bucket;
    private final String prefix;
    private final Path staging;

    S3Destination(S3Client client, String bucket, String prefix, Path staging) {
        this.client = requireNonNull(client, "client is null");
        this.uploader = new S3Uploader(client);
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.staging = requireNonNull(staging, "staging is null");
    }

    @Override
    public Path inProgressFile(String partition, String name) {
        Path directory = partition.isEmpty() ? staging : staging.resolve(partition);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return directory.resolve("." + name + LocalDestination.IN_PROGRESS_SUFFIX);
    }

    @Override
    public void publish(Path inProgressFile, String partition, String name) {
        StringBuilder key = new StringBuilder(prefix);
        if (!partition.isEmpty()) {
            key.append(key.length() == 0 ? "" : "/").append(partition);
        }
        key.append(key.length() == 0 ? "" : "/").append(name);
        uploader.upload(inProgressFile, bucket, key.toString());
        try {
            Files.delete(inProgressFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete uploaded " + inProgressFile, e);
        }
    }

    @Override
    public void removeLeftovers() {
        if (!Files.exists(staging)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> files = Files.walk(staging)) {
            paths = files.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + staging, e);
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + path, e);
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
