package io.sluice.storage.parquet;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/** Maps a table's columns onto a Parquet schema; the one place that decides the file types. */
public final class ParquetSchemas {
    /** Decimals up to this precision are stored as INT64, wider ones as 16-byte FIXED. */
    static final int MAX_INT64_DECIMAL_PRECISION = 18;

    private ParquetSchemas() {}

    public static MessageType toParquet(RowSchema schema) {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (Column column : schema.columns()) {
            builder.addField(toParquet(column));
        }
        return builder.named("sluice");
    }

    private static Type toParquet(Column column) {
        SqlType type = column.type();
        Type.Repetition repetition =
                type.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        switch (type.kind()) {
            case BOOLEAN:
                return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(column.name());
            case SMALLINT:
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(16, true))
                        .named(column.name());
            case INTEGER:
                return Types.primitive(PrimitiveTypeName.INT32, repetition).named(column.name());
            case BIGINT:
                return Types.primitive(PrimitiveTypeName.INT64, repetition).named(column.name());
            case REAL:
                return Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(column.name());
            case DOUBLE:
                return Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(column.name());
            case DECIMAL:
                if (type.precision() <= MAX_INT64_DECIMAL_PRECISION) {
                    return Types.primitive(PrimitiveTypeName.INT64, repetition)
                            .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()))
                            .named(column.name());
                }
                return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                        .length(16)
                        .as(LogicalTypeAnnotation.decimalType(type.scale(), type.precision()))
                        .named(column.name());
            case TEXT:
            case UUID:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(column.name());
            case JSON:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition)
                        .as(LogicalTypeAnnotation.jsonType())
                        .named(column.name());
            case BYTEA:
                return Types.primitive(PrimitiveTypeName.BINARY, repetition).named(column.name());
            case DATE:
                return Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.dateType())
                        .named(column.name());
            case TIME:
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS))
                        .named(column.name());
            case TIMESTAMP:
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS))
                        .named(column.name());
            case TIMESTAMPTZ:
                return Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS))
                        .named(column.name());
            default:
                throw new IllegalArgumentException("no Parquet mapping for " + type.kind());
        }
    }
}
