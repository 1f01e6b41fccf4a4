package io.sluice.executor.error;

import static java.util.Objects.requireNonNull;

/**
 * The one catalog of errors Sluice reports. Each code has a stable number (never reused), the
 * SQLSTATE a pgwire client sees, and a kind. The HTTP status is derived from the kind and SQLSTATE
 * class in one place ({@link #httpStatus()}).
 */
public enum ErrorCode {
    SYNTAX_ERROR(1, "42601", ErrorKind.USER),
    UNDEFINED_TABLE(2, "42P01", ErrorKind.USER),
    UNDEFINED_COLUMN(3, "42703", ErrorKind.USER),
    UNDEFINED_OBJECT(4, "42704", ErrorKind.USER),
    DUPLICATE_TABLE(5, "42P07", ErrorKind.USER),
    DUPLICATE_OBJECT(6, "42710", ErrorKind.USER),
    INVALID_OPTION(7, "22023", ErrorKind.USER),
    DATATYPE_MISMATCH(8, "42804", ErrorKind.USER),
    UNDEFINED_FUNCTION(9, "42883", ErrorKind.USER),
    FEATURE_NOT_SUPPORTED(10, "0A000", ErrorKind.USER),
    INVALID_TEXT_REPRESENTATION(11, "22P02", ErrorKind.USER),
    DATA_EXCEPTION(12, "22000", ErrorKind.USER),
    INVALID_REQUEST(13, "08P01", ErrorKind.USER),
    PAYLOAD_TOO_LARGE(14, "54000", ErrorKind.USER),
    INSUFFICIENT_PRIVILEGE(15, "42501", ErrorKind.USER),
    INVALID_PASSWORD(16, "28P01", ErrorKind.USER),
    QUERY_CANCELED(17, "57014", ErrorKind.USER),
    OBJECT_IN_USE(18, "55006", ErrorKind.USER),
    NUMERIC_VALUE_OUT_OF_RANGE(40, "22003", ErrorKind.USER),
    DIVISION_BY_ZERO(41, "22012", ErrorKind.USER),
    EXTERNAL_UNAVAILABLE(100, "08006", ErrorKind.EXTERNAL),
    EXTERNAL_ERROR(101, "58000", ErrorKind.EXTERNAL),
    INTERNAL_ERROR(200, "XX000", ErrorKind.INTERNAL);

    private final int code;
    private final String sqlState;
    private final ErrorKind kind;

    ErrorCode(int code, String sqlState, ErrorKind kind) {
        this.code = code;
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.kind = requireNonNull(kind, "kind is null");
    }

    public int code() {
        return code;
    }

    public String sqlState() {
        return sqlState;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The HTTP status an endpoint answers with for this error. */
    public int httpStatus() {
        switch (this) {
            case PAYLOAD_TOO_LARGE:
                return 413;
            case INSUFFICIENT_PRIVILEGE:
                return 403;
            case INVALID_PASSWORD:
                return 401;
            case UNDEFINED_TABLE:
            case UNDEFINED_OBJECT:
                return 404;
            case EXTERNAL_UNAVAILABLE:
                return 503;
            default:
                break;
        }
        switch (kind) {
            case USER:
                return 400;
            case EXTERNAL:
                return 502;
            case INTERNAL:
            default:
                return 500;
        }
    }
}
