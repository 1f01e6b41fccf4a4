package io.sluice.planner.type;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.planner.Positions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The one mapping between SQL type names, the executor's {@link SqlType} and Calcite's {@link
 * RelDataType}.
 *
 * <p>JSON is a VARCHAR with its own collation in Calcite. It stays a string, so {@code ->>}, casts
 * and comparisons with literals validate as on TEXT, yet the plan can tell the two apart: a JSON
 * column is copied through as JSON, and comparing JSON with a TEXT column is rejected as in
 * Postgres (two different implicit collations).
 */
public final class TypeMapping {
    /** Scale of a NUMERIC declared without one. */
    public static final int DEFAULT_DECIMAL_SCALE = 9;

    private static final SqlCollation JSON_COLLATION =
            new SqlCollation(
                    SqlCollation.Coercibility.IMPLICIT,
                    Locale.ROOT,
                    StandardCharsets.UTF_8,
                    "json");

    private static final Map<String, TypeKind> NAMES =
            Map.ofEntries(
                    Map.entry("TEXT", TypeKind.TEXT),
                    Map.entry("VARCHAR", TypeKind.TEXT),
                    Map.entry("CHAR", TypeKind.TEXT),
                    Map.entry("CHARACTER", TypeKind.TEXT),
                    Map.entry("CHARACTER VARYING", TypeKind.TEXT),
                    Map.entry("STRING", TypeKind.TEXT),
                    Map.entry("JSON", TypeKind.JSON),
                    Map.entry("JSONB", TypeKind.JSON),
                    Map.entry("BOOLEAN", TypeKind.BOOLEAN),
                    Map.entry("BOOL", TypeKind.BOOLEAN),
                    Map.entry("TINYINT", TypeKind.SMALLINT),
                    Map.entry("SMALLINT", TypeKind.SMALLINT),
                    Map.entry("INT2", TypeKind.SMALLINT),
                    Map.entry("INT", TypeKind.INTEGER),
                    Map.entry("INTEGER", TypeKind.INTEGER),
                    Map.entry("INT4", TypeKind.INTEGER),
                    Map.entry("BIGINT", TypeKind.BIGINT),
                    Map.entry("INT8", TypeKind.BIGINT),
                    Map.entry("REAL", TypeKind.REAL),
                    Map.entry("FLOAT4", TypeKind.REAL),
                    Map.entry("DOUBLE", TypeKind.DOUBLE),
                    Map.entry("DOUBLE PRECISION", TypeKind.DOUBLE),
                    Map.entry("FLOAT8", TypeKind.DOUBLE),
                    Map.entry("FLOAT", TypeKind.DOUBLE),
                    Map.entry("DECIMAL", TypeKind.DECIMAL),
                    Map.entry("DEC", TypeKind.DECIMAL),
                    Map.entry("NUMERIC", TypeKind.DECIMAL),
                    Map.entry("DATE", TypeKind.DATE),
                    Map.entry("TIME", TypeKind.TIME),
                    Map.entry("TIMESTAMP", TypeKind.TIMESTAMP),
                    Map.entry("TIMESTAMPTZ", TypeKind.TIMESTAMPTZ),
                    Map.entry("TIMESTAMP WITH TIME ZONE", TypeKind.TIMESTAMPTZ),
                    Map.entry("TIMESTAMP_TZ", TypeKind.TIMESTAMPTZ),
                    Map.entry("TIMESTAMP_WITH_LOCAL_TIME_ZONE", TypeKind.TIMESTAMPTZ),
                    Map.entry("BYTEA", TypeKind.BYTEA),
                    Map.entry("VARBINARY", TypeKind.BYTEA),
                    Map.entry("BINARY", TypeKind.BYTEA),
                    Map.entry("UUID", TypeKind.UUID));

    private TypeMapping() {}

    /**
     * The type a SQL type name denotes, e.g. {@code int8} or {@code timestamp with time zone}.
     * Precision and scale apply to DECIMAL only; pass -1 when not written.
     *
     * @throws SluiceException UNDEFINED_OBJECT when no such type exists
     */
    public static SqlType fromTypeName(String name, int precision, int scale) {
        String normalized = name.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        TypeKind kind = NAMES.get(normalized);
        if (kind == null) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT,
                    "type \"" + name.toLowerCase(Locale.ROOT) + "\" does not exist");
        }
        if (kind == TypeKind.DECIMAL) {
            int p = precision < 0 ? SluiceTypeSystem.MAX_DECIMAL_PRECISION : precision;
            int s = scale < 0 ? (precision < 0 ? DEFAULT_DECIMAL_SCALE : 0) : scale;
            if (p < 1 || p > SluiceTypeSystem.MAX_DECIMAL_PRECISION || s > p) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "NUMERIC precision "
                                + p
                                + " must be between 1 and "
                                + SluiceTypeSystem.MAX_DECIMAL_PRECISION
                                + ", and scale "
                                + s
                                + " between 0 and the precision");
            }
            return SqlType.decimal(p, s);
        }
        return SqlType.of(kind);
    }

    /**
     * The type of a column declaration as parsed.
     *
     * @param sql the statement text, for the error position
     */
    public static SqlType fromDataTypeSpec(SqlDataTypeSpec spec, String sql) {
        SqlTypeNameSpec nameSpec = spec.getTypeNameSpec();
        String name = String.join(".", nameSpec.getTypeName().names);
        int precision = -1;
        int scale = -1;
        if (nameSpec instanceof SqlBasicTypeNameSpec basic) {
            precision = basic.getPrecision();
            scale = basic.getScale();
        }
        try {
            SqlType type = fromTypeName(name, precision, scale);
            Boolean nullable = spec.getNullable();
            return nullable == null ? type : type.withNullable(nullable);
        } catch (SluiceException e) {
            throw e.withPosition(Positions.offset(sql, spec.getParserPosition()));
        }
    }

    /**
     * The one-word type names Calcite's parser does not know (such as {@code text}, {@code json},
     * {@code int8}), in lower case, with their types; the validator resolves them as named types.
     */
    public static Map<String, SqlType> namedTypes() {
        Map<String, SqlType> types = new TreeMap<>();
        for (String name : NAMES.keySet()) {
            if (name.indexOf(' ') < 0) {
                types.put(name.toLowerCase(Locale.ROOT), fromTypeName(name, -1, -1));
            }
        }
        return types;
    }

    /** The Calcite type of a Sluice type. */
    public static RelDataType toRelDataType(SqlType type, RelDataTypeFactory factory) {
        RelDataType relType;
        switch (type.kind()) {
            case BOOLEAN:
                relType = factory.createSqlType(SqlTypeName.BOOLEAN);
                break;
            case SMALLINT:
                relType = factory.createSqlType(SqlTypeName.SMALLINT);
                break;
            case INTEGER:
                relType = factory.createSqlType(SqlTypeName.INTEGER);
                break;
            case BIGINT:
                relType = factory.createSqlType(SqlTypeName.BIGINT);
                break;
            case REAL:
                relType = factory.createSqlType(SqlTypeName.REAL);
                break;
            case DOUBLE:
                relType = factory.createSqlType(SqlTypeName.DOUBLE);
                break;
            case DECIMAL:
                relType =
                        factory.createSqlType(SqlTypeName.DECIMAL, type.precision(), type.scale());
                break;
            case TEXT:
                relType = factory.createSqlType(SqlTypeName.VARCHAR);
                break;
            case JSON:
                return jsonType(factory, type.nullable());
            case BYTEA:
                relType = factory.createSqlType(SqlTypeName.VARBINARY);
                break;
            case DATE:
                relType = factory.createSqlType(SqlTypeName.DATE);
                break;
            case TIME:
                relType =
                        factory.createSqlType(
                                SqlTypeName.TIME, SluiceTypeSystem.DATETIME_PRECISION);
                break;
            case TIMESTAMP:
                relType =
                        factory.createSqlType(
                                SqlTypeName.TIMESTAMP, SluiceTypeSystem.DATETIME_PRECISION);
                break;
            case TIMESTAMPTZ:
                relType =
                        factory.createSqlType(
                                SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                                SluiceTypeSystem.DATETIME_PRECISION);
                break;
            case UUID:
                relType = factory.createSqlType(SqlTypeName.UUID);
                break;
            default:
                throw new IllegalStateException("unmapped type " + type.kind());
        }
        return factory.createTypeWithNullability(relType, type.nullable());
    }

    /** The Calcite type of JSON values. */
    public static RelDataType jsonType(RelDataTypeFactory factory, boolean nullable) {
        RelDataType varchar = factory.createSqlType(SqlTypeName.VARCHAR);
        RelDataType json =
                factory.createTypeWithCharsetAndCollation(
                        varchar, StandardCharsets.UTF_8, JSON_COLLATION);
        return factory.createTypeWithNullability(json, nullable);
    }

    /** Whether a Calcite type is Sluice's JSON. */
    public static boolean isJson(RelDataType type) {
        SqlCollation collation = type.getCollation();
        return SqlTypeName.CHAR_TYPES.contains(type.getSqlTypeName())
                && collation != null
                && collation.getCollationName().equals(JSON_COLLATION.getCollationName());
    }

    /**
     * The Sluice type of a Calcite type.
     *
     * @throws SluiceException FEATURE_NOT_SUPPORTED for types Sluice cannot store
     */
    public static SqlType fromRelDataType(RelDataType type) {
        SqlType result;
        switch (type.getSqlTypeName()) {
            case BOOLEAN:
                result = SqlType.of(TypeKind.BOOLEAN);
                break;
            case TINYINT:
            case SMALLINT:
                result = SqlType.of(TypeKind.SMALLINT);
                break;
            case INTEGER:
                result = SqlType.of(TypeKind.INTEGER);
                break;
            case BIGINT:
                result = SqlType.of(TypeKind.BIGINT);
                break;
            case REAL:
                result = SqlType.of(TypeKind.REAL);
                break;
            case FLOAT:
            case DOUBLE:
                result = SqlType.of(TypeKind.DOUBLE);
                break;
            case DECIMAL:
                result = SqlType.decimal(type.getPrecision(), type.getScale());
                break;
            case CHAR:
            case VARCHAR:
                result = SqlType.of(isJson(type) ? TypeKind.JSON : TypeKind.TEXT);
                break;
            case NULL:
                result = SqlType.of(TypeKind.TEXT);
                break;
            case BINARY:
            case VARBINARY:
                result = SqlType.of(TypeKind.BYTEA);
                break;
            case DATE:
                result = SqlType.of(TypeKind.DATE);
                break;
            case TIME:
                result = SqlType.of(TypeKind.TIME);
                break;
            case TIMESTAMP:
                result = SqlType.of(TypeKind.TIMESTAMP);
                break;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_TZ:
                result = SqlType.of(TypeKind.TIMESTAMPTZ);
                break;
            case UUID:
                result = SqlType.of(TypeKind.UUID);
                break;
            default:
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "type " + type.getFullTypeString() + " is not supported in tables yet");
        }
        return result.withNullable(type.isNullable());
    }

    /** The Calcite row type of a table schema. */
    public static RelDataType toRowType(RowSchema schema, RelDataTypeFactory factory) {
        RelDataTypeFactory.Builder builder = factory.builder();
        for (Column column : schema.columns()) {
            builder.add(column.name(), toRelDataType(column.type(), factory));
        }
        return builder.build();
    }

    /** The table schema of a Calcite row type. */
    public static RowSchema fromRowType(RelDataType rowType) {
        List<Column> columns = new ArrayList<>();
        for (RelDataTypeField field : rowType.getFieldList()) {
            columns.add(new Column(field.getName(), fromRelDataType(field.getType())));
        }
        return new RowSchema(columns);
    }
}
