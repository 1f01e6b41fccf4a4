package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.nio.file.Path;

/**
 * A lake table as a query sees it: its name in SQL, its declared columns (used when it has no files
 * yet) and the local directory holding its finished Parquet files, searched recursively.
 */
public record LakeTable(String name, RowSchema schema, Path directory) {
    public LakeTable {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(directory, "directory is null");
    }
}
