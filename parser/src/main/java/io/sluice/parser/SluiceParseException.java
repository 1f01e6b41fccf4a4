package io.sluice.parser;

import static java.util.Objects.requireNonNull;

/**
 * A statement that is not valid Sluice SQL, with the place of the error in the input.
 *
 * <p>{@link #line()} and {@link #column()} are 1-based as editors show them; {@link #offset()} is
 * the 0-based character index into the parsed string, which is what the Postgres wire protocol
 * reports as the error position (plus one).
 */
public final class SluiceParseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final int offset;

    public SluiceParseException(String message, int line, int column, int offset, Throwable cause) {
        super(requireNonNull(message, "message is null"), cause);
        this.line = line;
        this.column = column;
        this.offset = offset;
    }

    /** 1-based line of the offending token. */
    public int line() {
        return line;
    }

    /** 1-based column of the offending token. */
    public int column() {
        return column;
    }

    /** 0-based character offset of the offending token in the parsed string. */
    public int offset() {
        return offset;
    }
}
