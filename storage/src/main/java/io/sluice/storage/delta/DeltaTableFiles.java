package io.sluice.storage.delta;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data files of the latest version of a local Delta table, as the kernel resolves them from the
 * log: what a reader (DuckDB's {@code read_parquet}) should scan.
 */
public final class DeltaTableFiles {
    private DeltaTableFiles() {}

    /**
     * A version of a table and its active files.
     *
     * @param files absolute paths of the active data files
     */
    public record Version(long version, List<Path> files) {
        public Version {
            files = List.copyOf(files);
        }
    }

    /** The latest version of the table in {@code directory}; empty when there is no table. */
    public static Optional<Version> latest(Path directory) {
        requireNonNull(directory, "directory is null");
        Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        String tablePath = directory.toUri().toString().replaceAll("/+$", "");
        Snapshot snapshot;
        try {
            snapshot = TableManager.loadSnapshot(tablePath).build(engine);
        } catch (TableNotFoundException e) {
            return Optional.empty();
        }
        List<Path> files = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches =
                snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        String path = InternalScanFileUtils.getAddFileStatus(rows.next()).getPath();
                        files.add(Path.of(URI.create(path)));
                    }
                }
            }
        } catch (IOException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot list the files of Delta table " + directory + ": " + e.getMessage(),
                    e);
        }
        return Optional.of(new Version(snapshot.getVersion(), files));
    }
}
