package io.sluice.clients;

import static java.util.Objects.requireNonNull;

/**
 * The endpoint refused one event of a batch (invalid JSON, not an object, too large...). Sending it
 * again fails the same way.
 */
public final class EventRejectedException extends EventClientException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public EventRejectedException(String message, String reason) {
        super(requireNonNull(message, "message is null"), 200, null);
        this.reason = requireNonNull(reason, "reason is null");
    }

    /** The endpoint's short name for the cause, e.g. {@code invalid_json}; empty if unknown. */
    public String reason() {
        return reason;
    }
}
