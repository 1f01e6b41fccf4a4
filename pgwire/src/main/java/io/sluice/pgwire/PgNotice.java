package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

/**
 * A warning or notice a session hands to the client (NoticeResponse); it does not end the
 * statement.
 */
public record PgNotice(PgSeverity severity, String sqlState, String message) {
    public PgNotice {
        requireNonNull(severity, "severity is null");
        requireNonNull(sqlState, "sqlState is null");
        requireNonNull(message, "message is null");
    }

    public static PgNotice warning(String message) {
        return new PgNotice(PgSeverity.WARNING, "01000", message);
    }

    public static PgNotice notice(String message) {
        return new PgNotice(PgSeverity.NOTICE, "00000", message);
    }
}
