package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

/** A refused event or request body: the reason and a message for the client. */
record IngestRejection(RejectReason reason, String message) {
    IngestRejection {
        requireNonNull(reason, "reason is null");
        requireNonNull(message, "message is null");
    }
}
