package io.sluice.executor.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * A column type with its nullability. The single place that maps Sluice types onto Arrow vectors:
 * every operator and connector builds its vectors through {@link #toArrowField(String)}.
 */
public record SqlType(TypeKind kind, int precision, int scale, boolean nullable) {
    /** Arrow field metadata key that marks a UTF-8 column as JSON. */
    public static final String ARROW_TYPE_METADATA = "sluice.type";

    @JsonCreator
    public SqlType(
            @JsonProperty("kind") TypeKind kind,
            @JsonProperty("precision") int precision,
            @JsonProperty("scale") int scale,
            @JsonProperty("nullable") boolean nullable) {
        this.kind = requireNonNull(kind, "kind is null");
        this.precision = precision;
        this.scale = scale;
        this.nullable = nullable;
    }

    public static SqlType of(TypeKind kind) {
        return new SqlType(kind, 0, 0, true);
    }

    public static SqlType decimal(int precision, int scale) {
        return new SqlType(TypeKind.DECIMAL, precision, scale, true);
    }

    public SqlType withNullable(boolean nullable) {
        return new SqlType(kind, precision, scale, nullable);
    }

    /** The Arrow field for a column of this type. */
    public Field toArrowField(String name) {
        Map<String, String> metadata =
                kind == TypeKind.JSON || kind == TypeKind.UUID
                        ? Map.of(
                                ARROW_TYPE_METADATA, kind.name().toLowerCase(java.util.Locale.ROOT))
                        : null;
        return new Field(name, new FieldType(nullable, arrowType(), null, metadata), null);
    }

    /** The Arrow type of a vector holding this type. */
    public ArrowType arrowType() {
        switch (kind) {
            case BOOLEAN:
                return ArrowType.Bool.INSTANCE;
            case SMALLINT:
                return new ArrowType.Int(16, true);
            case INTEGER:
                return new ArrowType.Int(32, true);
            case BIGINT:
                return new ArrowType.Int(64, true);
            case REAL:
                return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
            case DOUBLE:
                return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
            case DECIMAL:
                return new ArrowType.Decimal(precision, scale, 128);
            case TEXT:
            case JSON:
            case UUID:
                return ArrowType.Utf8.INSTANCE;
            case BYTEA:
                return ArrowType.Binary.INSTANCE;
            case DATE:
                return new ArrowType.Date(DateUnit.DAY);
            case TIME:
                return new ArrowType.Time(TimeUnit.MICROSECOND, 64);
            case TIMESTAMP:
                return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
            case TIMESTAMPTZ:
                return new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC");
            default:
                throw new IllegalStateException("unmapped type " + kind);
        }
    }

    /** The SQL spelling, as SHOW and DESCRIBE print it. */
    public String sqlName() {
        switch (kind) {
            case DECIMAL:
                return "DECIMAL(" + precision + ", " + scale + ")";
            case DOUBLE:
                return "DOUBLE PRECISION";
            case TIMESTAMPTZ:
                return "TIMESTAMP WITH TIME ZONE";
            default:
                return kind.name();
        }
    }
}
