package io.sluice.pgwire;

/** SQLSTATE codes the protocol layer raises, and a few that sessions commonly need. */
public final class PgSqlState {
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String INVALID_PARAMETER_VALUE = "22023";
    public static final String INVALID_TEXT_REPRESENTATION = "22P02";
    public static final String INVALID_BINARY_REPRESENTATION = "22P03";
    public static final String IN_FAILED_SQL_TRANSACTION = "25P02";
    public static final String INVALID_SQL_STATEMENT_NAME = "26000";
    public static final String INVALID_AUTHORIZATION_SPECIFICATION = "28000";
    public static final String INVALID_PASSWORD = "28P01";
    public static final String INVALID_CURSOR_NAME = "34000";
    public static final String INVALID_CATALOG_NAME = "3D000";
    public static final String SYNTAX_ERROR = "42601";
    public static final String UNDEFINED_TABLE = "42P01";
    public static final String DUPLICATE_CURSOR = "42P03";
    public static final String DUPLICATE_PREPARED_STATEMENT = "42P05";
    public static final String QUERY_CANCELED = "57014";
    public static final String INTERNAL_ERROR = "XX000";

    private PgSqlState() {}
}
