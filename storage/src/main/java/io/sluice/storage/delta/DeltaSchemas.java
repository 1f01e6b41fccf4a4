package io.sluice.storage.delta;

import io.delta.kernel.expressions.Literal;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import java.time.LocalDate;

/** Maps Sluice columns to Delta types, matching how the Parquet writer stores them. */
final class DeltaSchemas {
    private DeltaSchemas() {}

    static StructType toDelta(RowSchema schema) {
        StructType struct = new StructType();
        for (Column column : schema.columns()) {
            struct = struct.add(column.name(), type(column), column.type().nullable());
        }
        return struct;
    }

    private static DataType type(Column column) {
        SqlType type = column.type();
        switch (type.kind()) {
            case BOOLEAN:
                return BooleanType.BOOLEAN;
            case SMALLINT:
                return ShortType.SHORT;
            case INTEGER:
                return IntegerType.INTEGER;
            case BIGINT:
                return LongType.LONG;
            case REAL:
                return FloatType.FLOAT;
            case DOUBLE:
                return DoubleType.DOUBLE;
            case DECIMAL:
                return new DecimalType(type.precision(), type.scale());
            case TEXT:
            case JSON:
            case UUID:
                return StringType.STRING;
            case BYTEA:
                return BinaryType.BINARY;
            case DATE:
                return DateType.DATE;
            case TIMESTAMP:
                return TimestampNTZType.TIMESTAMP_NTZ;
            case TIMESTAMPTZ:
                return TimestampType.TIMESTAMP;
            default:
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "column '"
                                + column.name()
                                + "' of type "
                                + type.kind()
                                + " cannot be stored in a Delta table");
        }
    }

    /** A partition value as the kernel wants it, from its text in the partition directory. */
    static Literal partitionLiteral(DataType type, String value) {
        if (value == null) {
            return Literal.ofNull(type);
        }
        if (type instanceof StringType) {
            return Literal.ofString(value);
        }
        if (type instanceof ShortType) {
            return Literal.ofShort(Short.parseShort(value));
        }
        if (type instanceof IntegerType) {
            return Literal.ofInt(Integer.parseInt(value));
        }
        if (type instanceof LongType) {
            return Literal.ofLong(Long.parseLong(value));
        }
        if (type instanceof BooleanType) {
            return Literal.ofBoolean(Boolean.parseBoolean(value));
        }
        if (type instanceof DateType) {
            return Literal.ofDate((int) LocalDate.parse(value).toEpochDay());
        }
        throw new SluiceException(
                ErrorCode.FEATURE_NOT_SUPPORTED, "a " + type + " column cannot partition a table");
    }
}
