package io.sluice.storage.parquet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * A Parquet file that stays open across checkpoints and can be finished, after a crash, exactly as
 * it was at the last checkpoint.
 *
 * <p>Rows are encoded by parquet-java into an in-memory segment (a complete small Parquet file).
 * {@link #flush()} ends the segment, copies its row groups byte for byte to the end of the target
 * and shifts their column-chunk offsets in the footer metadata; page data holds no absolute
 * offsets, so the bytes need no rewrite. The returned {@link Snapshot} holds the target's length
 * and the footer for the row groups written so far: truncating the target to that length and
 * appending {@code footer, length, "PAR1"} gives a valid Parquet file with exactly those rows,
 * which is what a checkpoint stores. The column and offset indexes of segments are not carried over
 * (they are optional in Parquet); min/max statistics are, in the footer.
 */
public final class ResumableParquetFile implements AutoCloseable {
    private static final byte[] MAGIC = "PAR1".getBytes(US_ASCII);

    private final AppendTarget target;
    private final RowSchema schema;
    private final CompressionCodecName codec;
    private final long rowGroupSize;
    private final List<RowGroup> rowGroups;
    private FileMetaData template;
    private long flushedRows;
    private MemoryOutputFile segmentFile;
    private ArrowParquetWriter segment;

    /**
     * What is needed to finish the file as of a flush.
     *
     * @param length bytes of the target that belong to the file (magic and row groups)
     * @param rows rows in those row groups
     * @param footer the serialized footer metadata for them; empty before the first row
     */
    public record Snapshot(long length, long rows, byte[] footer) {
        public Snapshot {
            requireNonNull(footer, "footer is null");
        }
    }

    private ResumableParquetFile(
            AppendTarget target,
            RowSchema schema,
            CompressionCodecName codec,
            long rowGroupSize,
            List<RowGroup> rowGroups,
            FileMetaData template,
            long flushedRows) {
        this.target = requireNonNull(target, "target is null");
        this.schema = requireNonNull(schema, "schema is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.rowGroupSize = rowGroupSize;
        this.rowGroups = rowGroups;
        this.template = template;
        this.flushedRows = flushedRows;
    }

    /** Starts a file in an empty target. */
    public static ResumableParquetFile create(
            AppendTarget target, RowSchema schema, CompressionCodecName codec, long rowGroupSize) {
        if (target.position() != 0) {
            throw new IllegalArgumentException("target is not empty");
        }
        target.append(MAGIC, 0, MAGIC.length);
        return new ResumableParquetFile(
                target, schema, codec, rowGroupSize, new ArrayList<>(), null, 0);
    }

    /**
     * Continues a file from a snapshot; {@code target} must hold exactly the snapshot's {@code
     * length} bytes.
     */
    public static ResumableParquetFile resume(
            AppendTarget target,
            RowSchema schema,
            CompressionCodecName codec,
            long rowGroupSize,
            Snapshot snapshot) {
        if (target.position() != snapshot.length()) {
            throw new IllegalArgumentException(
                    "target holds " + target.position() + " bytes, not " + snapshot.length());
        }
        FileMetaData template = null;
        List<RowGroup> rowGroups = new ArrayList<>();
        if (snapshot.footer().length > 0) {
            template = readFooter(snapshot.footer(), 0, snapshot.footer().length);
            rowGroups.addAll(template.getRow_groups());
        }
        return new ResumableParquetFile(
                target, schema, codec, rowGroupSize, rowGroups, template, snapshot.rows());
    }

    public void write(VectorSchemaRoot batch, int row) {
        if (segment == null) {
            segmentFile = new MemoryOutputFile();
            segment = ArrowParquetWriter.create(segmentFile, schema, codec, rowGroupSize);
        }
        segment.write(batch, row);
        // bound the memory a file holds between checkpoints by the row group size
        if (segment.dataSize() >= rowGroupSize) {
            appendSegment();
        }
    }

    /** Rows written, flushed or not. */
    public long rowCount() {
        return flushedRows + (segment == null ? 0 : segment.rowCount());
    }

    /** Bytes in the target plus the encoded size of the rows not flushed yet. */
    public long dataSize() {
        return target.position() + (segment == null ? 0 : segment.dataSize());
    }

    /** The encoded size of the rows held in memory, not yet written to the target. */
    public long bufferedSize() {
        return segment == null ? 0 : segment.dataSize();
    }

    /**
     * Writes the rows held in memory to the target as a row group now, to free their memory; the
     * target is made durable only by the next {@link #flush}.
     */
    public void endRowGroup() {
        appendSegment();
    }

    /** Ends the current row group, makes the target durable and says how to finish it now. */
    public Snapshot flush() {
        appendSegment();
        target.sync();
        return new Snapshot(target.position(), flushedRows, footerBytes());
    }

    /**
     * Flushes, then appends the footer and makes the target durable. The target then holds a
     * complete Parquet file.
     *
     * @return the file's size in bytes
     */
    public long finish() {
        appendSegment();
        byte[] trailer = trailer(footerBytes());
        target.append(trailer, 0, trailer.length);
        target.sync();
        return target.position();
    }

    /**
     * The bytes that complete a file cut at a snapshot: footer, its length and the magic. Appending
     * them after the snapshot's {@code length} bytes gives a valid Parquet file.
     */
    public static byte[] trailer(byte[] footer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(footer.length + 8);
        out.write(footer, 0, footer.length);
        int length = footer.length;
        out.write(length & 0xff);
        out.write((length >>> 8) & 0xff);
        out.write((length >>> 16) & 0xff);
        out.write((length >>> 24) & 0xff);
        out.write(MAGIC, 0, MAGIC.length);
        return out.toByteArray();
    }

    /** Releases the target and the unflushed rows; the target is left as it is. */
    @Override
    public void close() {
        try {
            if (segment != null) {
                segment.close();
                segment = null;
                segmentFile = null;
            }
        } finally {
            target.close();
        }
    }

    private void appendSegment() {
        if (segment == null) {
            return;
        }
        long rows = segment.rowCount();
        segment.close();
        byte[] bytes = segmentFile.toByteArray();
        segment = null;
        segmentFile = null;
        if (rows == 0) {
            return;
        }
        int footerLength = readIntLittleEndian(bytes, bytes.length - 8);
        int footerStart = bytes.length - 8 - footerLength;
        FileMetaData metadata = readFooter(bytes, footerStart, footerLength);
        long start = Long.MAX_VALUE;
        long end = 0;
        for (RowGroup group : metadata.getRow_groups()) {
            for (ColumnChunk chunk : group.getColumns()) {
                long chunkStart = chunkStart(chunk.getMeta_data());
                start = Math.min(start, chunkStart);
                end = Math.max(end, chunkStart + chunk.getMeta_data().getTotal_compressed_size());
            }
        }
        long shift = target.position() - start;
        target.append(bytes, (int) start, (int) (end - start));
        for (RowGroup group : metadata.getRow_groups()) {
            rowGroups.add(relocate(group, shift, rowGroups.size()));
        }
        flushedRows += metadata.getNum_rows();
        if (template == null) {
            template = metadata;
        }
    }

    private static long chunkStart(ColumnMetaData column) {
        long start = column.getData_page_offset();
        if (column.isSetDictionary_page_offset() && column.getDictionary_page_offset() > 0) {
            start = Math.min(start, column.getDictionary_page_offset());
        }
        return start;
    }

    private static RowGroup relocate(RowGroup original, long shift, int ordinal) {
        RowGroup group = original.deepCopy();
        if (group.isSetFile_offset()) {
            group.setFile_offset(group.getFile_offset() + shift);
        }
        if (group.isSetOrdinal()) {
            group.setOrdinal((short) ordinal);
        }
        for (ColumnChunk chunk : group.getColumns()) {
            chunk.setFile_offset(chunk.getFile_offset() + shift);
            // the segment's column and offset indexes and bloom filters are not copied
            chunk.unsetColumn_index_offset();
            chunk.unsetColumn_index_length();
            chunk.unsetOffset_index_offset();
            chunk.unsetOffset_index_length();
            ColumnMetaData column = chunk.getMeta_data();
            column.setData_page_offset(column.getData_page_offset() + shift);
            if (column.isSetDictionary_page_offset()) {
                column.setDictionary_page_offset(column.getDictionary_page_offset() + shift);
            }
            if (column.isSetIndex_page_offset()) {
                column.setIndex_page_offset(column.getIndex_page_offset() + shift);
            }
            column.unsetBloom_filter_offset();
            column.unsetBloom_filter_length();
        }
        return group;
    }

    private byte[] footerBytes() {
        if (template == null) {
            return new byte[0];
        }
        FileMetaData footer = template.deepCopy();
        footer.setRow_groups(new ArrayList<>(rowGroups));
        footer.setNum_rows(flushedRows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Util.writeFileMetaData(footer, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static FileMetaData readFooter(byte[] bytes, int offset, int length) {
        try {
            return Util.readFileMetaData(new ByteArrayInputStream(bytes, offset, length));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Parquet footer", e);
        }
    }

    private static int readIntLittleEndian(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff)
                | (bytes[offset + 1] & 0xff) << 8
                | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }
}
