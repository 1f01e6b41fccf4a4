package io.sluice.executor.error;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * An error Sluice reports to a user. Carries an {@link ErrorCode} and, for errors in SQL text, the
 * 0-based character offset into the statement where the problem is, so pgwire can report a
 * position.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final int position;

    public SluiceException(ErrorCode errorCode, String message) {
        this(errorCode, message, -1, null);
    }

    public SluiceException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, -1, cause);
    }

    public SluiceException(ErrorCode errorCode, String message, int position, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.position = position;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The 0-based character offset in the SQL text, when the error points at one. */
    public OptionalInt position() {
        return position < 0 ? OptionalInt.empty() : OptionalInt.of(position);
    }

    /** A copy of this error that points at {@code offset} in the statement text. */
    public SluiceException withPosition(int offset) {
        return new SluiceException(errorCode, getMessage(), offset, getCause());
    }
}
