package io.sluice.server.session;

import io.sluice.executor.plan.SqlType;
import io.sluice.pgwire.PgType;

/** Maps Sluice column types onto the pgwire types clients see. */
public final class PgTypes {
    private PgTypes() {}

    /** The pgwire type of a Sluice column. */
    public static PgType of(SqlType type) {
        switch (type.kind()) {
            case BOOLEAN:
                return PgType.BOOL;
            case SMALLINT:
                return PgType.INT2;
            case INTEGER:
                return PgType.INT4;
            case BIGINT:
                return PgType.INT8;
            case REAL:
                return PgType.FLOAT4;
            case DOUBLE:
                return PgType.FLOAT8;
            case DECIMAL:
                return PgType.NUMERIC;
            case JSON:
                return PgType.JSON;
            case BYTEA:
                return PgType.BYTEA;
            case DATE:
                return PgType.DATE;
            case TIME:
                return PgType.TIME;
            case TIMESTAMP:
                return PgType.TIMESTAMP;
            case TIMESTAMPTZ:
                return PgType.TIMESTAMPTZ;
            case UUID:
                return PgType.UUID;
            case TEXT:
            default:
                return PgType.TEXT;
        }
    }
}
