package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * An error the client sees as an ErrorResponse. Any other exception escaping a {@link PgSession} is
 * reported as {@code XX000} with its message.
 */
public final class PgException extends RuntimeException {
    private final PgSeverity severity;
    private final String sqlState;
    private final Optional<String> detail;
    private final Optional<String> hint;
    private final OptionalInt position;

    public PgException(String sqlState, String message) {
        this(PgSeverity.ERROR, sqlState, message);
    }

    public PgException(PgSeverity severity, String sqlState, String message) {
        this(
                severity,
                sqlState,
                message,
                Optional.empty(),
                Optional.empty(),
                OptionalInt.empty(),
                null);
    }

    /**
     * @param position 1-based character position in the statement text the error refers to
     */
    public PgException(
            PgSeverity severity,
            String sqlState,
            String message,
            Optional<String> detail,
            Optional<String> hint,
            OptionalInt position,
            Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.severity = requireNonNull(severity, "severity is null");
        this.sqlState = requireNonNull(sqlState, "sqlState is null");
        this.detail = requireNonNull(detail, "detail is null");
        this.hint = requireNonNull(hint, "hint is null");
        this.position = requireNonNull(position, "position is null");
        if (sqlState.length() != 5 || sqlState.equals("00000")) {
            throw new IllegalArgumentException("not an error SQLSTATE: " + sqlState);
        }
        if (position.isPresent() && position.getAsInt() < 1) {
            throw new IllegalArgumentException("position is 1-based: " + position.getAsInt());
        }
    }

    /** An ERROR pointing at a 1-based character position of the statement. */
    public static PgException atPosition(String sqlState, String message, int position) {
        return new PgException(
                PgSeverity.ERROR,
                sqlState,
                message,
                Optional.empty(),
                Optional.empty(),
                OptionalInt.of(position),
                null);
    }

    public PgException withDetail(String detail) {
        return new PgException(
                severity, sqlState, getMessage(), Optional.of(detail), hint, position, getCause());
    }

    public PgException withHint(String hint) {
        return new PgException(
                severity, sqlState, getMessage(), detail, Optional.of(hint), position, getCause());
    }

    public PgSeverity severity() {
        return severity;
    }

    public String sqlState() {
        return sqlState;
    }

    public Optional<String> detail() {
        return detail;
    }

    public Optional<String> hint() {
        return hint;
    }

    public OptionalInt position() {
        return position;
    }
}
