package io.sluice.server.pgcatalog;

import io.sluice.executor.plan.SqlType;
import io.sluice.pgwire.PgType;
import io.sluice.server.session.PgTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The rows of {@code pg_type}, and how Sluice and DuckDB column types map onto them. */
final class PgTypeCatalog {
    /** oid, name, length, category, element type, array type. */
    private static final String TYPES =
            """
            16 bool 1 B 0 1000
            17 bytea -1 U 0 1001
            18 char 1 Z 0 1002
            19 name 64 S 0 1003
            20 int8 8 N 0 1016
            21 int2 2 N 0 1005
            22 int2vector -1 A 21 1006
            23 int4 4 N 0 1007
            24 regproc 4 N 0 1008
            25 text -1 S 0 1009
            26 oid 4 N 0 1028
            27 tid 6 U 0 1010
            28 xid 4 U 0 1011
            29 cid 4 U 0 1012
            30 oidvector -1 A 26 1013
            114 json -1 U 0 199
            194 pg_node_tree -1 Z 0 0
            199 _json -1 A 114 0
            700 float4 4 N 0 1021
            701 float8 8 N 0 1022
            705 unknown -2 X 0 0
            1000 _bool -1 A 16 0
            1001 _bytea -1 A 17 0
            1002 _char -1 A 18 0
            1003 _name -1 A 19 0
            1005 _int2 -1 A 21 0
            1006 _int2vector -1 A 22 0
            1007 _int4 -1 A 23 0
            1008 _regproc -1 A 24 0
            1009 _text -1 A 25 0
            1010 _tid -1 A 27 0
            1011 _xid -1 A 28 0
            1012 _cid -1 A 29 0
            1013 _oidvector -1 A 30 0
            1014 _bpchar -1 A 1042 0
            1015 _varchar -1 A 1043 0
            1016 _int8 -1 A 20 0
            1021 _float4 -1 A 700 0
            1022 _float8 -1 A 701 0
            1028 _oid -1 A 26 0
            1033 aclitem 12 U 0 1034
            1034 _aclitem -1 A 1033 0
            1042 bpchar -1 S 0 1014
            1043 varchar -1 S 0 1015
            1082 date 4 D 0 1182
            1083 time 8 D 0 1183
            1114 timestamp 8 D 0 1115
            1115 _timestamp -1 A 1114 0
            1182 _date -1 A 1082 0
            1183 _time -1 A 1083 0
            1184 timestamptz 8 D 0 1185
            1185 _timestamptz -1 A 1184 0
            1186 interval 16 T 0 1187
            1187 _interval -1 A 1186 0
            1231 _numeric -1 A 1700 0
            1266 timetz 12 D 0 1270
            1270 _timetz -1 A 1266 0
            1700 numeric -1 N 0 1231
            2205 regclass 4 N 0 2210
            2206 regtype 4 N 0 2211
            2210 _regclass -1 A 2205 0
            2211 _regtype -1 A 2206 0
            2249 record -1 P 0 2287
            2278 void 4 P 0 0
            2287 _record -1 A 2249 0
            2950 uuid 16 U 0 2951
            2951 _uuid -1 A 2950 0
            3802 jsonb -1 U 0 3807
            3807 _jsonb -1 A 3802 0
            """;

    /** The collation of text types ({@code default}); other types have none. */
    static final long DEFAULT_COLLATION = 100;

    private PgTypeCatalog() {}

    /** One {@code pg_type} row per type, in the column order of the mirror's table. */
    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        for (String line : TYPES.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            long oid = Long.parseLong(f[0]);
            String name = f[1];
            int length = Integer.parseInt(f[2]);
            String category = f[3];
            long element = Long.parseLong(f[4]);
            long array = Long.parseLong(f[5]);
            boolean isArray = category.equals("A") && element != 0;
            boolean pseudo = category.equals("P") || category.equals("X");
            boolean byValue =
                    !isArray && !name.equals("name") && List.of(1, 2, 4, 8).contains(length);
            String io = isArray ? "array" : name;
            rows.add(
                    new Object[] {
                        oid,
                        name,
                        PgCatalogDatabase.PG_CATALOG_NAMESPACE,
                        PgCatalogDatabase.OWNER,
                        (short) length,
                        byValue,
                        pseudo ? "p" : "b",
                        category,
                        name.equals("text") || name.equals("float8") || name.equals("oid"),
                        true,
                        ",",
                        0L,
                        isArray ? "array_subscript_handler" : "-",
                        element,
                        array,
                        io + "_in",
                        io + "_out",
                        io + "_recv",
                        io + "_send",
                        "-",
                        "-",
                        "-",
                        length == 8 ? "d" : length == 2 ? "s" : length == 1 ? "c" : "i",
                        length == -1 ? "x" : "p",
                        false,
                        0L,
                        -1,
                        0,
                        collatable(name) ? DEFAULT_COLLATION : 0L,
                        null,
                        null,
                        null
                    });
        }
        return rows;
    }

    static boolean collatable(String typeName) {
        return List.of("text", "varchar", "bpchar", "name", "_text", "_varchar").contains(typeName);
    }

    /** The pgwire type of a Sluice column. */
    static PgType pgType(SqlType type) {
        return PgTypes.of(type);
    }

    /** The {@code atttypmod} of a Sluice column: precision and scale for numerics, else -1. */
    static int typeModifier(SqlType type) {
        switch (type.kind()) {
            case DECIMAL:
                return type.precision() > 0 ? ((type.precision() << 16) | type.scale()) + 4 : -1;
            default:
                return -1;
        }
    }

    /** The pgwire type of a DuckDB result column, by the type name DuckDB's JDBC driver reports. */
    static PgType fromDuckDb(String duckType) {
        String type = duckType.toUpperCase(Locale.ROOT);
        switch (type) {
            case "BOOLEAN":
                return PgType.BOOL;
            case "TINYINT":
            case "SMALLINT":
                return PgType.INT2;
            case "INTEGER":
            case "UTINYINT":
            case "USMALLINT":
                return PgType.INT4;
            case "UINTEGER":
                return PgType.OID;
            case "BIGINT":
                return PgType.INT8;
            case "HUGEINT":
            case "UBIGINT":
                return PgType.NUMERIC;
            case "FLOAT":
            case "REAL":
                return PgType.FLOAT4;
            case "DOUBLE":
                return PgType.FLOAT8;
            case "DATE":
                return PgType.DATE;
            case "TIME":
                return PgType.TIME;
            case "TIMESTAMP":
                return PgType.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE":
                return PgType.TIMESTAMPTZ;
            case "BOOLEAN[]":
                return PgType.BOOL_ARRAY;
            case "SMALLINT[]":
                return PgType.INT2_ARRAY;
            case "INTEGER[]":
                return PgType.INT4_ARRAY;
            case "BIGINT[]":
            case "UINTEGER[]":
                return PgType.INT8_ARRAY;
            case "VARCHAR[]":
                return PgType.TEXT_ARRAY;
            default:
                if (type.startsWith("DECIMAL")) {
                    return PgType.NUMERIC;
                }
                return PgType.TEXT;
        }
    }

    /** The pg_type oid of a DuckDB column type in the mirror's own relations. */
    static long oidOfDuckDb(String duckType) {
        switch (duckType.toUpperCase(Locale.ROOT)) {
            case "UINTEGER":
                return 26;
            case "UINTEGER[]":
                return 1028;
            case "SMALLINT[]":
                return 1005;
            default:
                return fromDuckDb(duckType).oid();
        }
    }
}
