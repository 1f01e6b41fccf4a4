package io.sluice.storage.delta;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The data files of a version of a local Delta table, as the kernel resolves them from the log:
 * what a reader (DuckDB's {@code read_parquet}) should scan.
 */
public final class DeltaTableFiles {
    private DeltaTableFiles() {}

    /**
     * An active data file of a table version.
     *
     * @param path absolute path of the file
     * @param partitionValues the file's partition values by partition column, as the log writes
     *     them (text; {@code null} for a null value)
     */
    public record DataFile(Path path, long size, Map<String, String> partitionValues) {
        public DataFile {
            requireNonNull(path, "path is null");
            // Copied without Map.copyOf: a partition value may be null.
            partitionValues =
                    Collections.unmodifiableMap(
                            new LinkedHashMap<>(
                                    requireNonNull(partitionValues, "partitionValues is null")));
        }
    }

    /** A version of a table, its partition columns and its active files. */
    public record Version(long version, List<String> partitionColumns, List<DataFile> dataFiles) {
        public Version {
            partitionColumns = List.copyOf(partitionColumns);
            dataFiles = List.copyOf(dataFiles);
        }

        /** Absolute paths of the active data files. */
        public List<Path> files() {
            return dataFiles.stream().map(DataFile::path).toList();
        }
    }

    /** The latest version of the table in {@code directory}; empty when there is no table. */
    public static Optional<Version> latest(Path directory) {
        return load(directory, OptionalLong.empty());
    }

    /**
     * Version {@code version} of the table in {@code directory}: its files as they were right after
     * that commit.
     *
     * @throws SluiceException INVALID_OPTION (SQLSTATE 22023) when the table has no such version
     *     (not committed yet, or its log entry already removed), UNDEFINED_TABLE when there is no
     *     Delta table in {@code directory}
     */
    public static Version atVersion(Path directory, long version) {
        if (version < 0) {
            throw versionNotFound(directory, version, "versions start at 0");
        }
        return load(directory, OptionalLong.of(version))
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.UNDEFINED_TABLE,
                                        "there is no Delta table in " + directory));
    }

    private static Optional<Version> load(Path directory, OptionalLong version) {
        requireNonNull(directory, "directory is null");
        Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        String tablePath = tablePath(directory);
        Snapshot snapshot;
        try {
            Snapshot latest = TableManager.loadSnapshot(tablePath).build(engine);
            if (version.isEmpty() || version.getAsLong() == latest.getVersion()) {
                snapshot = latest;
            } else if (version.getAsLong() > latest.getVersion()) {
                throw versionNotFound(
                        directory,
                        version.getAsLong(),
                        "the latest version is " + latest.getVersion());
            } else {
                SnapshotBuilder builder =
                        TableManager.loadSnapshot(tablePath).atVersion(version.getAsLong());
                try {
                    snapshot = builder.build(engine);
                } catch (KernelException e) {
                    // The log no longer reaches back that far (cleaned up after a checkpoint).
                    throw versionNotFound(directory, version.getAsLong(), e.getMessage());
                }
            }
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(
                new Version(
                        snapshot.getVersion(),
                        snapshot.getPartitionColumnNames(),
                        activeFiles(engine, snapshot, directory)));
    }

    private static List<DataFile> activeFiles(Engine engine, Snapshot snapshot, Path directory) {
        List<DataFile> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches =
                snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row row = rows.next();
                        FileStatus status = InternalScanFileUtils.getAddFileStatus(row);
                        files.add(
                                new DataFile(
                                        Path.of(URI.create(status.getPath())),
                                        status.getSize(),
                                        InternalScanFileUtils.getPartitionValues(row)));
                    }
                }
            }
        } catch (IOException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot list the files of Delta table " + directory + ": " + e.getMessage(),
                    e);
        }
        return files;
    }

    static String tablePath(Path directory) {
        return directory.toAbsolutePath().normalize().toUri().toString().replaceAll("/+$", "");
    }

    private static SluiceException versionNotFound(Path directory, long version, String detail) {
        return new SluiceException(
                ErrorCode.INVALID_OPTION,
                "Delta table "
                        + directory
                        + " has no version "
                        + version
                        + (detail == null ? "" : ": " + detail));
    }
}
