package io.sluice.storage;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.spi.SinkContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Schemas, batches and contexts shared by the storage tests. */
public final class TestTables {
    /** The columns of the article's events table. */
    public static final RowSchema EVENTS =
            new RowSchema(
                    List.of(
                            new Column("id", SqlType.of(TypeKind.TEXT)),
                            new Column(
                                    "timestamp",
                                    SqlType.of(TypeKind.TIMESTAMP).withNullable(false)),
                            new Column("ip", SqlType.of(TypeKind.TEXT)),
                            new Column("user_id", SqlType.of(TypeKind.TEXT)),
                            new Column("platform", SqlType.of(TypeKind.TEXT)),
                            new Column("app_version", SqlType.of(TypeKind.TEXT)),
                            new Column("type", SqlType.of(TypeKind.TEXT).withNullable(false)),
                            new Column("properties", SqlType.of(TypeKind.JSON))));

    /** One column of every type the Parquet writer maps. */
    public static final RowSchema WIDE =
            new RowSchema(
                    List.of(
                            new Column("id", SqlType.of(TypeKind.BIGINT).withNullable(false)),
                            new Column("timestamp", SqlType.of(TypeKind.TIMESTAMP)),
                            new Column("at", SqlType.of(TypeKind.TIMESTAMPTZ)),
                            new Column("name", SqlType.of(TypeKind.TEXT)),
                            new Column("doc", SqlType.of(TypeKind.JSON)),
                            new Column("score", SqlType.of(TypeKind.DOUBLE)),
                            new Column("flag", SqlType.of(TypeKind.BOOLEAN)),
                            new Column("day", SqlType.of(TypeKind.DATE)),
                            new Column("count", SqlType.of(TypeKind.INTEGER)),
                            new Column("amount", SqlType.decimal(10, 2))));

    public static final Instant BASE_TIME = Instant.parse("2025-01-15T17:24:53Z");

    private TestTables() {}

    /**
     * Fills a batch of {@link #WIDE} with rows {@code first .. first+count-1}; row i is one second
     * after {@link #BASE_TIME} times {@code secondsPerRow}; every 10th row has null optional
     * values.
     */
    public static VectorSchemaRoot wideBatch(
            BufferAllocator allocator, long first, int count, long secondsPerRow) {
        VectorSchemaRoot root = VectorSchemaRoot.create(WIDE.toArrowSchema(), allocator);
        root.allocateNew();
        for (int i = 0; i < count; i++) {
            long id = first + i;
            ((BigIntVector) root.getVector(0)).setSafe(i, id);
            long micros =
                    ChronoUnit.MICROS.between(Instant.EPOCH, BASE_TIME)
                            + id * secondsPerRow * 1_000_000L;
            if (id % 10 == 9) {
                for (int c = 1; c < WIDE.size(); c++) {
                    root.getVector(c).setNull(i);
                }
                continue;
            }
            ((TimeStampVector) root.getVector(1)).setSafe(i, micros);
            ((TimeStampVector) root.getVector(2)).setSafe(i, micros);
            ((VarCharVector) root.getVector(3)).setSafe(i, ("name-" + id).getBytes(UTF_8));
            ((VarCharVector) root.getVector(4))
                    .setSafe(i, ("{\"id\":" + id + ",\"tags\":[\"a\",\"b\"]}").getBytes(UTF_8));
            ((Float8Vector) root.getVector(5)).setSafe(i, id * 0.5);
            ((BitVector) root.getVector(6)).setSafe(i, (int) (id % 2));
            ((DateDayVector) root.getVector(7)).setSafe(i, 20103);
            ((IntVector) root.getVector(8)).setSafe(i, (int) id);
            ((DecimalVector) root.getVector(9)).setSafe(i, BigDecimal.valueOf(id * 100 + 5, 2));
        }
        root.setRowCount(count);
        return root;
    }

    public static SinkContext sinkContext(
            RowSchema schema, Map<String, String> options, BufferAllocator allocator) {
        return sinkContext(schema, options, allocator, Optional.empty());
    }

    public static SinkContext sinkContext(
            RowSchema schema,
            Map<String, String> options,
            BufferAllocator allocator,
            Optional<byte[]> state) {
        return new SinkContext("p1", "sink", "lake_table", 0, 1, schema, options, state, allocator);
    }
}
