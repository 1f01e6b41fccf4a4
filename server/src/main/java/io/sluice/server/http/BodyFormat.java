package io.sluice.server.http;

import java.util.Locale;
import java.util.Optional;

/** How a request body carries events, decided by its content type. */
enum BodyFormat {
    /** One JSON object (a single event) or a JSON array of objects (a batch). */
    JSON,
    /** One JSON object per line (a batch). */
    NDJSON;

    /**
     * The format for a {@code Content-Type} header value, or empty when the type is not accepted.
     * An absent type, {@code text/plain} and {@code application/x-www-form-urlencoded} (what {@code
     * curl -d} sends) are read as JSON.
     */
    static Optional<BodyFormat> fromContentType(String contentType) {
        if (contentType == null) {
            return Optional.of(JSON);
        }
        int parameters = contentType.indexOf(';');
        String mediaType =
                (parameters < 0 ? contentType : contentType.substring(0, parameters))
                        .trim()
                        .toLowerCase(Locale.ROOT);
        switch (mediaType) {
            case "":
            case "application/json":
            case "text/plain":
            case "application/x-www-form-urlencoded":
                return Optional.of(JSON);
            case "application/x-ndjson":
            case "application/jsonlines":
            case "application/jsonl":
                return Optional.of(NDJSON);
            default:
                return Optional.empty();
        }
    }
}
