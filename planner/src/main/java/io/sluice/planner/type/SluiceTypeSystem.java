package io.sluice.planner.type;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type limits widened to what Sluice stores: microsecond timestamps and 38-digit
 * decimals, as Arrow and Parquet hold them.
 */
public final class SluiceTypeSystem extends RelDataTypeSystemImpl {
    public static final RelDataTypeSystem INSTANCE = new SluiceTypeSystem();

    /** Fractional second digits of TIME and TIMESTAMP values (microseconds). */
    public static final int DATETIME_PRECISION = 6;

    public static final int MAX_DECIMAL_PRECISION = 38;

    private SluiceTypeSystem() {}

    @Override
    public int getMaxPrecision(SqlTypeName typeName) {
        switch (typeName) {
            case DECIMAL:
                return MAX_DECIMAL_PRECISION;
            case TIME:
            case TIME_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_TZ:
                return DATETIME_PRECISION;
            default:
                return super.getMaxPrecision(typeName);
        }
    }

    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        switch (typeName) {
            case TIME:
            case TIME_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP:
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
            case TIMESTAMP_TZ:
                return DATETIME_PRECISION;
            default:
                return super.getDefaultPrecision(typeName);
        }
    }

    @Override
    public int getMaxScale(SqlTypeName typeName) {
        if (typeName == SqlTypeName.DECIMAL) {
            return MAX_DECIMAL_PRECISION;
        }
        return super.getMaxScale(typeName);
    }
}
