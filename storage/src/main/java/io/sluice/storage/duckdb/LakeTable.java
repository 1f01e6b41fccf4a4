package io.sluice.storage.duckdb;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.nio.file.Path;

/**
 * A lake table as a query sees it: its name in SQL, its declared columns (used when it has no files
 * yet) and where its finished Parquet files are.
 */
public record LakeTable(String name, RowSchema schema, LakeLocation location) {
    public LakeTable {
        requireNonNull(name, "name is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(location, "location is null");
    }

    /** A table whose files are under a local directory, searched recursively. */
    public LakeTable(String name, RowSchema schema, Path directory) {
        this(name, schema, new LakeLocation.LocalDirectory(directory));
    }
}
