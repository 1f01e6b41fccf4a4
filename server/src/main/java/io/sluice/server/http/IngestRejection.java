package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

/**
 * A refused event or request body: the reason, a message for the client and, for a schema
 * violation, the field at fault (else null).
 */
record IngestRejection(RejectReason reason, String message, String field) {
    IngestRejection {
        requireNonNull(reason, "reason is null");
        requireNonNull(message, "message is null");
    }

    IngestRejection(RejectReason reason, String message) {
        this(reason, message, null);
    }
}
