package io.sluice.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;

/**
 * Writes rows of Arrow batches into one local Parquet file. {@link #close()} writes the footer and
 * forces the file to disk. Not thread-safe.
 */
public final class ArrowParquetWriter implements AutoCloseable {
    public static final long DEFAULT_ROW_GROUP_SIZE = 128L << 20;
    public static final int DEFAULT_PAGE_SIZE = 1 << 20;

    private final ArrowWriteSupport writeSupport;
    private final ParquetWriter<Integer> writer;
    private VectorSchemaRoot currentBatch;
    private long rows;

    private ArrowParquetWriter(ArrowWriteSupport writeSupport, ParquetWriter<Integer> writer) {
        this.writeSupport = writeSupport;
        this.writer = writer;
    }

    /** Creates {@code path} (it must not exist) for rows with {@code schema}. */
    public static ArrowParquetWriter create(
            Path path, RowSchema schema, CompressionCodecName codec, long rowGroupSize) {
        requireNonNull(path, "path is null");
        return create(new DurableLocalOutputFile(path), schema, codec, rowGroupSize);
    }

    /** Writes rows with {@code schema} into {@code file}. */
    public static ArrowParquetWriter create(
            OutputFile file, RowSchema schema, CompressionCodecName codec, long rowGroupSize) {
        requireNonNull(file, "file is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(codec, "codec is null");
        ArrowWriteSupport writeSupport = new ArrowWriteSupport(schema);
        try {
            ParquetWriter<Integer> writer =
                    new Builder(file, writeSupport)
                            .withConf(new PlainParquetConfiguration())
                            .withCodecFactory(new StandaloneCodecFactory())
                            .withCompressionCodec(codec)
                            .withWriteMode(ParquetFileWriter.Mode.CREATE)
                            .withRowGroupSize(rowGroupSize)
                            .withPageSize(DEFAULT_PAGE_SIZE)
                            .build();
            return new ArrowParquetWriter(writeSupport, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Parquet file " + file.getPath(), e);
        }
    }

    /**
     * Appends row {@code row} of {@code batch}. Values are read from the batch's vectors during the
     * call, so a batch object may be refilled and passed again.
     */
    public void write(VectorSchemaRoot batch, int row) {
        if (batch != currentBatch) {
            writeSupport.setBatch(batch);
            currentBatch = batch;
        }
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
    }

    public long rowCount() {
        return rows;
    }

    /** Bytes written so far plus the size of the row group still buffered. */
    public long dataSize() {
        return writer.getDataSize();
    }

    /** Writes the footer and forces the file to disk. */
    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final ArrowWriteSupport writeSupport;

        Builder(OutputFile file, ArrowWriteSupport writeSupport) {
            super(file);
            this.writeSupport = writeSupport;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(
                org.apache.hadoop.conf.Configuration configuration) {
            return writeSupport;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration configuration) {
            return writeSupport;
        }
    }
}
