package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.s3.S3Settings;
import io.sluice.storage.s3.S3Url;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Where a lake table's finished Parquet files are. */
public sealed interface LakeLocation {
    /**
     * A local directory, searched recursively; files replaced by a compaction are skipped (see
     * {@link LakeDirectory}).
     */
    record LocalDirectory(Path directory) implements LakeLocation {
        public LocalDirectory {
            directory = requireNonNull(directory, "directory is null").toAbsolutePath().normalize();
        }
    }

    /**
     * An exact list of local files under {@code root}, such as the active files of a table
     * snapshot.
     */
    record LocalFiles(Path root, List<Path> files) implements LakeLocation {
        public LocalFiles {
            root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
            files = List.copyOf(requireNonNull(files, "files is null"));
        }
    }

    /**
     * A local table whose files are resolved when a query that names it starts, such as the active
     * files of the latest version of a Delta table.
     */
    record LocalSnapshot(Path root, Supplier<List<Path>> files) implements LakeLocation {
        public LocalSnapshot {
            root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
            requireNonNull(files, "files is null");
        }
    }

    /** Objects under an S3 prefix, read through the local object cache. */
    record S3Prefix(S3Settings settings, String bucket, String prefix) implements LakeLocation {
        public S3Prefix {
            requireNonNull(settings, "settings is null");
            requireNonNull(bucket, "bucket is null");
            requireNonNull(prefix, "prefix is null");
        }
    }

    /**
     * The location named by a table's {@code path} option: an absolute directory, a {@code
     * file:///} URL, or {@code s3://bucket/prefix} (then {@code s3} gives the connection).
     */
    static LakeLocation parse(String path, S3Settings s3) {
        requireNonNull(path, "path is null");
        if (path.startsWith("s3://")) {
            S3Url url = S3Url.parse(path).orElseThrow(() -> invalid(path));
            return new S3Prefix(requireNonNull(s3, "s3 is null"), url.bucket(), url.prefix());
        }
        Path directory;
        try {
            directory = path.startsWith("file:") ? Path.of(URI.create(path)) : Path.of(path);
        } catch (IllegalArgumentException e) {
            throw invalid(path);
        }
        return new LocalDirectory(directory);
    }

    private static SluiceException invalid(String path) {
        return new SluiceException(
                ErrorCode.INVALID_OPTION,
                "path '" + path + "' must be a directory, a file:/// URL or s3://bucket/prefix");
    }
}
