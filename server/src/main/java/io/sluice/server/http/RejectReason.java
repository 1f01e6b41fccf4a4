package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import java.util.Locale;

/** Why the ingest endpoint refused an event or a whole request body. */
public enum RejectReason {
    INVALID_JSON(ErrorCode.INVALID_TEXT_REPRESENTATION),
    INVALID_UTF8(ErrorCode.INVALID_TEXT_REPRESENTATION),
    NOT_AN_OBJECT(ErrorCode.DATA_EXCEPTION),
    TOO_DEEP(ErrorCode.DATA_EXCEPTION),
    EVENT_TOO_LARGE(ErrorCode.PAYLOAD_TOO_LARGE),
    BODY_TOO_LARGE(ErrorCode.PAYLOAD_TOO_LARGE),
    EMPTY_BODY(ErrorCode.INVALID_REQUEST),
    INVALID_GZIP(ErrorCode.INVALID_REQUEST),
    // The error catalog has no status for these; HTTP has a precise one.
    UNSUPPORTED_MEDIA_TYPE(ErrorCode.FEATURE_NOT_SUPPORTED, 415),
    UNSUPPORTED_ENCODING(ErrorCode.FEATURE_NOT_SUPPORTED, 415),
    /** The event does not match its stream's schema: a field is missing or has the wrong type. */
    SCHEMA_VIOLATION(ErrorCode.DATATYPE_MISMATCH, 422),
    UNKNOWN_STREAM(ErrorCode.UNDEFINED_OBJECT),
    /** No API key, or one that is unknown or revoked. */
    UNAUTHORIZED(ErrorCode.INVALID_PASSWORD),
    /** The API key may not post to this stream. */
    FORBIDDEN(ErrorCode.INSUFFICIENT_PRIVILEGE),
    /** The API key posted more events than its rate allows. */
    RATE_LIMITED(ErrorCode.INVALID_REQUEST, 429),
    /** Too many events are waiting for the broker already. */
    OVERLOADED(ErrorCode.EXTERNAL_UNAVAILABLE, 429);

    private final ErrorCode errorCode;
    private final int httpStatus;

    RejectReason(ErrorCode errorCode) {
        this(errorCode, errorCode.httpStatus());
    }

    RejectReason(ErrorCode errorCode, int httpStatus) {
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.httpStatus = httpStatus;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The status a request refused as a whole for this reason is answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The name used in responses and metric labels, e.g. {@code invalid_json}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
