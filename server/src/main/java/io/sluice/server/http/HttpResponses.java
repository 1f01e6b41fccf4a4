package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.sluice.executor.error.ErrorCode;
import io.sluice.server.http.DecodedBody.IndexedRejection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The responses of the ingest endpoint, built as complete messages. */
final class HttpResponses {
    /** A batch summary lists at most this many refused events; the count is always exact. */
    static final int MAX_LISTED_ERRORS = 100;

    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] OK = "ok".getBytes(UTF_8);
    private static final byte[] STATUS_OK = "{\"status\":\"ok\"}".getBytes(UTF_8);
    private static final byte[] STATUS_UNAVAILABLE = "{\"status\":\"unavailable\"}".getBytes(UTF_8);

    private HttpResponses() {}

    /** The answer to an accepted single event, as the original ingest function answered. */
    static FullHttpResponse ok() {
        return response(HttpResponseStatus.OK, HttpHeaderValues.TEXT_PLAIN, OK);
    }

    static FullHttpResponse health(boolean healthy) {
        return healthy
                ? response(HttpResponseStatus.OK, HttpHeaderValues.APPLICATION_JSON, STATUS_OK)
                : withRetryAfter(
                        response(
                                HttpResponseStatus.SERVICE_UNAVAILABLE,
                                HttpHeaderValues.APPLICATION_JSON,
                                STATUS_UNAVAILABLE));
    }

    /** {@code {"accepted":n,"rejected":m,"errors":[{"index":i,"error":"...","reason":"..."}]}}. */
    static FullHttpResponse batchSummary(int accepted, List<IndexedRejection> rejections) {
        return json(
                HttpResponseStatus.OK,
                generator -> {
                    generator.writeStartObject();
                    generator.writeNumberField("accepted", accepted);
                    generator.writeNumberField("rejected", rejections.size());
                    generator.writeArrayFieldStart("errors");
                    for (IndexedRejection rejection :
                            rejections.subList(0, Math.min(rejections.size(), MAX_LISTED_ERRORS))) {
                        generator.writeStartObject();
                        generator.writeNumberField("index", rejection.index());
                        generator.writeStringField("error", rejection.rejection().message());
                        generator.writeStringField(
                                "reason", rejection.rejection().reason().label());
                        if (rejection.rejection().field() != null) {
                            generator.writeStringField("field", rejection.rejection().field());
                        }
                        generator.writeEndObject();
                    }
                    generator.writeEndArray();
                    generator.writeEndObject();
                });
    }

    static FullHttpResponse rejected(IngestRejection rejection) {
        return error(
                HttpResponseStatus.valueOf(rejection.reason().httpStatus()),
                rejection.reason().errorCode(),
                rejection.reason().label(),
                rejection.message(),
                rejection.field());
    }

    /** {@code {"error":"...","code":"<error code>"[,"reason":"..."]}}. */
    static FullHttpResponse error(
            HttpResponseStatus status, ErrorCode code, String reason, String message) {
        return error(status, code, reason, message, null);
    }

    /** {@code {"error":"...","code":"<error code>"[,"reason":"..."][,"field":"..."]}}. */
    static FullHttpResponse error(
            HttpResponseStatus status,
            ErrorCode code,
            String reason,
            String message,
            String field) {
        return json(
                status,
                generator -> {
                    generator.writeStartObject();
                    generator.writeStringField("error", message);
                    generator.writeStringField("code", code.name());
                    if (reason != null) {
                        generator.writeStringField("reason", reason);
                    }
                    if (field != null) {
                        generator.writeStringField("field", field);
                    }
                    generator.writeEndObject();
                });
    }

    /** Tells a client that retrying in a second may succeed (the store is down or slow). */
    static FullHttpResponse withRetryAfter(FullHttpResponse response) {
        return withRetryAfter(response, 1);
    }

    static FullHttpResponse withRetryAfter(FullHttpResponse response, long seconds) {
        response.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(seconds));
        return response;
    }

    static FullHttpResponse metrics(byte[] text, String contentType) {
        return response(HttpResponseStatus.OK, contentType, text);
    }

    private static FullHttpResponse json(HttpResponseStatus status, JsonBody body) {
        ByteArrayOutputStream output = new ByteArrayOutputStream(128);
        try (JsonGenerator generator = JSON.createGenerator(output)) {
            body.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response(status, HttpHeaderValues.APPLICATION_JSON, output.toByteArray());
    }

    private static FullHttpResponse response(
            HttpResponseStatus status, CharSequence contentType, byte[] body) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private interface JsonBody {
        void write(JsonGenerator generator) throws IOException;
    }
}
