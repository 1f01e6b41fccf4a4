package io.sluice.storage.parquet;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeMicroVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Feeds Parquet from Arrow vectors without building row objects: a record is the index of a row in
 * the batch last given to {@link #setBatch}. Binary values are handed over as views of the Arrow
 * buffers marked as reused, so Parquet copies what it keeps (dictionary, statistics) and the batch
 * may be refilled after the write call.
 */
final class ArrowWriteSupport extends WriteSupport<Integer> {
    private final RowSchema schema;
    private final MessageType parquetSchema;
    private final ValueWriter[] writers;
    private final String[] names;
    private RecordConsumer consumer;
    private FieldVector[] vectors = new FieldVector[0];
    private final byte[] decimalBytes = new byte[16];

    @FunctionalInterface
    private interface ValueWriter {
        void write(RecordConsumer consumer, FieldVector vector, int row);
    }

    ArrowWriteSupport(RowSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
        this.parquetSchema = ParquetSchemas.toParquet(schema);
        this.writers = new ValueWriter[schema.size()];
        this.names = new String[schema.size()];
        for (int i = 0; i < schema.size(); i++) {
            writers[i] = writerFor(schema.column(i).type());
            names[i] = schema.column(i).name();
        }
    }

    void setBatch(VectorSchemaRoot batch) {
        if (batch.getFieldVectors().size() != schema.size()) {
            throw new IllegalArgumentException(
                    "batch has "
                            + batch.getFieldVectors().size()
                            + " columns, table has "
                            + schema.size());
        }
        vectors = batch.getFieldVectors().toArray(new FieldVector[0]);
    }

    @Override
    public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
        return new WriteContext(parquetSchema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(parquetSchema, Map.of());
    }

    @Override
    public String getName() {
        return "sluice";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer record) {
        int row = record;
        consumer.startMessage();
        for (int i = 0; i < writers.length; i++) {
            FieldVector vector = vectors[i];
            if (vector.isNull(row)) {
                // A NOT NULL column never holds a null here: the executor checks it before the
                // sink.
                continue;
            }
            consumer.startField(names[i], i);
            writers[i].write(consumer, vector, row);
            consumer.endField(names[i], i);
        }
        consumer.endMessage();
    }

    private ValueWriter writerFor(SqlType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return (c, v, row) -> c.addBoolean(((BitVector) v).get(row) != 0);
            case SMALLINT:
                return (c, v, row) -> c.addInteger(((SmallIntVector) v).get(row));
            case INTEGER:
                return (c, v, row) -> c.addInteger(((IntVector) v).get(row));
            case DATE:
                return (c, v, row) -> c.addInteger(((DateDayVector) v).get(row));
            case BIGINT:
                return (c, v, row) -> c.addLong(((BigIntVector) v).get(row));
            case TIME:
                return (c, v, row) -> c.addLong(((TimeMicroVector) v).get(row));
            case TIMESTAMP:
            case TIMESTAMPTZ:
                return (c, v, row) -> c.addLong(((TimeStampVector) v).get(row));
            case REAL:
                return (c, v, row) -> c.addFloat(((Float4Vector) v).get(row));
            case DOUBLE:
                return (c, v, row) -> c.addDouble(((Float8Vector) v).get(row));
            case DECIMAL:
                if (type.precision() <= ParquetSchemas.MAX_INT64_DECIMAL_PRECISION) {
                    return (c, v, row) ->
                            c.addLong(
                                    ((BaseFixedWidthVector) v)
                                            .getDataBuffer()
                                            .getLong((long) row * DecimalVector.TYPE_WIDTH));
                }
                return this::writeWideDecimal;
            case TEXT:
            case JSON:
            case UUID:
            case BYTEA:
                return ArrowWriteSupport::writeBinary;
            default:
                throw new IllegalArgumentException("no Parquet mapping for " + type.kind());
        }
    }

    private static void writeBinary(RecordConsumer consumer, FieldVector vector, int row) {
        BaseVariableWidthVector varWidth = (BaseVariableWidthVector) vector;
        ArrowBuf offsets = varWidth.getOffsetBuffer();
        int start = offsets.getInt((long) row * BaseVariableWidthVector.OFFSET_WIDTH);
        int end = offsets.getInt((long) (row + 1) * BaseVariableWidthVector.OFFSET_WIDTH);
        consumer.addBinary(
                Binary.fromReusedByteBuffer(
                        varWidth.getDataBuffer().nioBuffer(start, end - start)));
    }

    private void writeWideDecimal(RecordConsumer consumer, FieldVector vector, int row) {
        // Arrow keeps decimals little-endian, Parquet wants big-endian two's complement.
        ArrowBuf data = ((DecimalVector) vector).getDataBuffer();
        long base = (long) row * DecimalVector.TYPE_WIDTH;
        for (int i = 0; i < 16; i++) {
            decimalBytes[15 - i] = data.getByte(base + i);
        }
        consumer.addBinary(Binary.fromReusedByteArray(decimalBytes));
    }
}
