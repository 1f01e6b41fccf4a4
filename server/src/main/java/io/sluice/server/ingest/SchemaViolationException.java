package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

/** An event that does not match its stream's schema: which field, and why. */
public final class SchemaViolationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public SchemaViolationException(String field, String reason) {
        super(
                "field \"" + requireNonNull(field, "field is null") + "\": " + reason,
                null,
                false,
                false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
