package io.sluice.storage.duckdb;

import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Type names between Sluice and DuckDB. */
final class DuckDbTypes {
    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    private DuckDbTypes() {}

    /** The Sluice type of a DuckDB result column; types without an equivalent become TEXT. */
    static SqlType toSqlType(String duckDbType) {
        Matcher decimal = DECIMAL.matcher(duckDbType);
        if (decimal.matches()) {
            return SqlType.decimal(
                    Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
        }
        switch (duckDbType) {
            case "BOOLEAN":
                return SqlType.of(TypeKind.BOOLEAN);
            case "TINYINT":
            case "SMALLINT":
            case "UTINYINT":
                return SqlType.of(TypeKind.SMALLINT);
            case "INTEGER":
            case "USMALLINT":
                return SqlType.of(TypeKind.INTEGER);
            case "BIGINT":
            case "UINTEGER":
                return SqlType.of(TypeKind.BIGINT);
            case "HUGEINT":
            case "UBIGINT":
            case "UHUGEINT":
                return SqlType.decimal(38, 0);
            case "FLOAT":
                return SqlType.of(TypeKind.REAL);
            case "DOUBLE":
                return SqlType.of(TypeKind.DOUBLE);
            case "VARCHAR":
                return SqlType.of(TypeKind.TEXT);
            case "JSON":
                return SqlType.of(TypeKind.JSON);
            case "UUID":
                return SqlType.of(TypeKind.UUID);
            case "BLOB":
                return SqlType.of(TypeKind.BYTEA);
            case "DATE":
                return SqlType.of(TypeKind.DATE);
            case "TIME":
                return SqlType.of(TypeKind.TIME);
            case "TIMESTAMP":
            case "TIMESTAMP_S":
            case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return SqlType.of(TypeKind.TIMESTAMP);
            case "TIMESTAMP WITH TIME ZONE":
            case "TIMESTAMPTZ":
                return SqlType.of(TypeKind.TIMESTAMPTZ);
            default:
                return SqlType.of(TypeKind.TEXT);
        }
    }

    /** The DuckDB spelling of a Sluice type, for views over tables without files. */
    static String toDuckDb(SqlType type) {
        switch (type.kind()) {
            case REAL:
                return "FLOAT";
            case DOUBLE:
                return "DOUBLE";
            case DECIMAL:
                return "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
            case TEXT:
            case UUID:
                return "VARCHAR";
            case BYTEA:
                return "BLOB";
            case TIMESTAMPTZ:
                return "TIMESTAMPTZ";
            default:
                return type.kind().name();
        }
    }
}
