package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

/** A request body refused as a whole; answered with the reason's status. */
final class RejectedRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final RejectReason reason;

    RejectedRequestException(RejectReason reason, String message) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.reason = requireNonNull(reason, "reason is null");
    }

    RejectReason reason() {
        return reason;
    }

    IngestRejection rejection() {
        return new IngestRejection(reason, getMessage());
    }
}
