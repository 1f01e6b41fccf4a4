package io.sluice.storage.duckdb;

import io.sluice.storage.TestTables;
import io.sluice.storage.parquet.ArrowParquetWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Writes Parquet files of {@link TestTables#WIDE} rows for lake query tests. */
final class WideFiles {
    private WideFiles() {}

    /** Writes rows {@code first .. first + count - 1} to {@code file}, creating its directory. */
    static void write(BufferAllocator allocator, Path file, long first, int count)
            throws Exception {
        Files.createDirectories(file.getParent());
        try (VectorSchemaRoot batch = TestTables.wideBatch(allocator, first, count, 1);
                ArrowParquetWriter writer =
                        ArrowParquetWriter.create(
                                file,
                                TestTables.WIDE,
                                CompressionCodecName.ZSTD,
                                ArrowParquetWriter.DEFAULT_ROW_GROUP_SIZE)) {
            for (int row = 0; row < count; row++) {
                writer.write(batch, row);
            }
        }
    }
}
