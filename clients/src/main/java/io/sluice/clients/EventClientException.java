package io.sluice.clients;

import java.util.OptionalInt;

/** Events could not be delivered: the endpoint refused them or could not be reached in time. */
public class EventClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public EventClientException(String message) {
        this(message, -1, null);
    }

    public EventClientException(String message, int statusCode, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    /** The HTTP status of the last answer, when there was one. */
    public OptionalInt statusCode() {
        return statusCode < 0 ? OptionalInt.empty() : OptionalInt.of(statusCode);
    }
}
