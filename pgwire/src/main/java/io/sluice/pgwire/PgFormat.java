package io.sluice.pgwire;

/** Wire format of a parameter or result value. */
public enum PgFormat {
    TEXT,
    BINARY;

    static PgFormat fromCode(int code) {
        return switch (code) {
            case 0 -> TEXT;
            case 1 -> BINARY;
            default ->
                    throw new PgException(
                            PgSqlState.PROTOCOL_VIOLATION, "unsupported format code: " + code);
        };
    }

    int code() {
        return ordinal();
    }
}
