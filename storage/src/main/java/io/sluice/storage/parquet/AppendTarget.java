package io.sluice.storage.parquet;

/**
 * Where the bytes of a {@link ResumableParquetFile} go, in order. Implementations keep the bytes
 * appended before a {@link #sync()} across a crash of the process.
 */
public interface AppendTarget extends AutoCloseable {
    /** Bytes appended so far. */
    long position();

    void append(byte[] bytes, int offset, int length);

    /** Makes every byte appended so far durable. */
    void sync();

    @Override
    void close();
}
