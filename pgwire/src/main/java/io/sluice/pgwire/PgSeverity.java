package io.sluice.pgwire;

/** Severity of an ErrorResponse or NoticeResponse, as Postgres spells it on the wire. */
public enum PgSeverity {
    /** Ends the statement; the connection stays usable. */
    ERROR,
    /** Ends the connection. */
    FATAL,
    WARNING,
    NOTICE,
    INFO,
    LOG,
    DEBUG
}
