package io.sluice.storage.filesystem;

import static java.util.Objects.requireNonNull;

import io.sluice.storage.filesystem.SinkState.Multipart;
import io.sluice.storage.filesystem.SinkState.PendingFile;
import io.sluice.storage.parquet.LocalAppendTarget;
import io.sluice.storage.s3.S3Uploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Objects under an S3 prefix. Files are written into a local staging directory owned by this
 * subtask. A finished file is uploaded as the parts of a multipart upload at the checkpoint
 * (prepare) and the upload is completed at the commit (publish), so an object appears in the bucket
 * only complete and only once its checkpoint is recorded.
 *
 * <p>Open files live in the staging directory until they are finished: a restart resumes them from
 * there, so it must find the same staging directory.
 */
final class S3Destination implements FileDestination {
    private final S3Client client;
    private final S3Uploader uploader;
    private final String bucket;
    private final String prefix;
    private final Path staging;

    S3Destination(
            S3Client client,
            String bucket,
            String prefix,
            Path staging,
            int partSize,
            int maxParts) {
        this.client = requireNonNull(client, "client is null");
        this.uploader = new S3Uploader(client, S3Uploader.MULTIPART_THRESHOLD, partSize, maxParts);
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.prefix = requireNonNull(prefix, "prefix is null");
        this.staging = requireNonNull(staging, "staging is null");
    }

    @Override
    public LocalAppendTarget create(String partition, String name) {
        Path directory = partition.isEmpty() ? staging : staging.resolve(partition);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        return LocalAppendTarget.create(
                directory.resolve("." + name + LocalDestination.IN_PROGRESS_SUFFIX));
    }

    @Override
    public LocalAppendTarget resume(String location, long length) {
        return LocalAppendTarget.resume(Path.of(location), length);
    }

    @Override
    public PendingFile prepare(PendingFile file) {
        if (file.multipart().isPresent()) {
            return file;
        }
        S3Uploader.PreparedUpload upload =
                uploader.prepare(Path.of(file.location()), bucket, key(file));
        return file.withMultipart(new Multipart(upload.uploadId(), upload.partETags()));
    }

    @Override
    public void publish(PendingFile file) {
        Multipart multipart = file.multipart().orElseThrow();
        uploader.complete(
                bucket,
                key(file),
                new S3Uploader.PreparedUpload(multipart.uploadId(), multipart.partETags()),
                file.size());
        try {
            Files.deleteIfExists(Path.of(file.location()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete uploaded " + file.location(), e);
        }
    }

    private String key(PendingFile file) {
        return prefix.isEmpty() ? file.relativePath() : prefix + "/" + file.relativePath();
    }

    @Override
    public void removeLeftovers(Set<String> keep) {
        if (!Files.exists(staging)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> files = Files.walk(staging)) {
            paths =
                    files.filter(Files::isRegularFile)
                            .filter(path -> !keep.contains(path.toString()))
                            .collect(Collectors.toList());
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
