package io.sluice.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.sluice.server.http.DecodedBody.IndexedRejection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Splits a request body into events and validates each: well-formed UTF-8 JSON, an object, no
 * deeper than the nesting limit, no larger than the event limit. Events keep the exact bytes the
 * client sent; the body is streamed through the parser once and never turned into a tree.
 *
 * <p>A JSON array is one document, so a syntax error anywhere refuses the whole request; in NDJSON
 * each line stands alone and a bad line refuses only that event.
 */
final class EventDecoder {
    private static final int MAX_MESSAGE_CHARS = 200;
    // A hard stop inside the parser, far above the event limit so that an event nested a little
    // too deep is refused alone rather than failing its whole batch.
    private static final int PARSER_NESTING_LIMIT = 1000;

    private final JsonFactory jsonFactory;
    private final int maxEventBytes;
    private final int maxNestingDepth;

    EventDecoder(int maxEventBytes, int maxNestingDepth) {
        this.maxEventBytes = maxEventBytes;
        this.maxNestingDepth = maxNestingDepth;
        this.jsonFactory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(
                                                Math.max(PARSER_NESTING_LIMIT, maxNestingDepth + 1))
                                        .maxStringLength(maxEventBytes)
                                        .maxNameLength(maxEventBytes)
                                        .build())
                        // A duplicate key means two values for one field; which one a reader
                        // keeps is undefined, so the event is refused.
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build();
    }

    DecodedBody decode(byte[] body, int length, BodyFormat format) throws RejectedRequestException {
        return switch (format) {
            case JSON -> decodeJson(body, length);
            case NDJSON -> decodeLines(body, length);
        };
    }

    private DecodedBody decodeJson(byte[] body, int length) throws RejectedRequestException {
        int invalid = Utf8.firstInvalidOffset(body, 0, length);
        if (invalid >= 0) {
            throw new RejectedRequestException(
                    RejectReason.INVALID_UTF8, "invalid UTF-8 at byte offset " + invalid);
        }
        int first = skipWhitespace(body, 0, length);
        if (first == length) {
            throw new RejectedRequestException(RejectReason.EMPTY_BODY, "empty body");
        }
        try (JsonParser parser = jsonFactory.createParser(body, 0, length)) {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.START_ARRAY) {
                return decodeArray(parser, body);
            }
            Event event = single(parser, token, body);
            requireEnd(parser);
            return DecodedBody.single(event);
        } catch (StreamConstraintsException e) {
            throw constraintViolation(e);
        } catch (JsonProcessingException e) {
            throw new RejectedRequestException(RejectReason.INVALID_JSON, invalidJson(e, true));
        } catch (IOException e) {
            throw new RejectedRequestException(
                    RejectReason.INVALID_JSON, "invalid JSON: " + e.getMessage());
        }
    }

    private Event single(JsonParser parser, JsonToken token, byte[] body)
            throws IOException, RejectedRequestException {
        if (token != JsonToken.START_OBJECT) {
            throw new RejectedRequestException(RejectReason.NOT_AN_OBJECT, notAnObject(token));
        }
        ScannedObject scanned = scanObject(parser);
        if (scanned.tooDeep()) {
            throw new RejectedRequestException(RejectReason.TOO_DEEP, tooDeep());
        }
        if (scanned.length() > maxEventBytes) {
            throw new RejectedRequestException(
                    RejectReason.EVENT_TOO_LARGE, eventTooLarge(scanned.length()));
        }
        return Event.of(Arrays.copyOfRange(body, scanned.start(), scanned.end()));
    }

    private DecodedBody decodeArray(JsonParser parser, byte[] body)
            throws IOException, RejectedRequestException {
        List<Event> events = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<IndexedRejection> rejections = new ArrayList<>();
        int index = 0;
        for (JsonToken token = parser.nextToken();
                token != JsonToken.END_ARRAY;
                token = parser.nextToken(), index++) {
            if (token == JsonToken.START_OBJECT) {
                ScannedObject scanned = scanObject(parser);
                if (scanned.tooDeep()) {
                    rejections.add(rejection(index, RejectReason.TOO_DEEP, tooDeep()));
                } else if (scanned.length() > maxEventBytes) {
                    rejections.add(
                            rejection(
                                    index,
                                    RejectReason.EVENT_TOO_LARGE,
                                    eventTooLarge(scanned.length())));
                } else {
                    events.add(Event.of(Arrays.copyOfRange(body, scanned.start(), scanned.end())));
                    indexes.add(index);
                }
            } else {
                rejections.add(rejection(index, RejectReason.NOT_AN_OBJECT, notAnObject(token)));
                parser.skipChildren();
            }
        }
        requireEnd(parser);
        return new DecodedBody(true, events, indexes, rejections);
    }

    private DecodedBody decodeLines(byte[] body, int length) throws RejectedRequestException {
        List<Event> events = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<IndexedRejection> rejections = new ArrayList<>();
        int lineStart = 0;
        for (int line = 0; lineStart < length; line++) {
            int lineEnd = lineStart;
            while (lineEnd < length && body[lineEnd] != '\n') {
                lineEnd++;
            }
            int start = skipWhitespace(body, lineStart, lineEnd);
            int end = lineEnd;
            while (end > start && isWhitespace(body[end - 1])) {
                end--;
            }
            if (start < end) {
                try {
                    events.add(decodeLine(body, start, end));
                    indexes.add(line);
                } catch (RejectedRequestException e) {
                    rejections.add(new IndexedRejection(line, e.rejection()));
                }
            }
            lineStart = lineEnd + 1;
        }
        if (events.isEmpty() && rejections.isEmpty()) {
            throw new RejectedRequestException(RejectReason.EMPTY_BODY, "empty body");
        }
        return new DecodedBody(true, events, indexes, rejections);
    }

    private Event decodeLine(byte[] body, int start, int end) throws RejectedRequestException {
        if (end - start > maxEventBytes) {
            throw new RejectedRequestException(
                    RejectReason.EVENT_TOO_LARGE, eventTooLarge(end - start));
        }
        int invalid = Utf8.firstInvalidOffset(body, start, end);
        if (invalid >= 0) {
            throw new RejectedRequestException(
                    RejectReason.INVALID_UTF8,
                    "invalid UTF-8 at byte offset " + (invalid - start) + " of the line");
        }
        byte[] line = Arrays.copyOfRange(body, start, end);
        try (JsonParser parser = jsonFactory.createParser(line)) {
            Event event = single(parser, parser.nextToken(), line);
            requireEnd(parser);
            return event;
        } catch (StreamConstraintsException e) {
            throw constraintViolation(e);
        } catch (JsonProcessingException e) {
            throw new RejectedRequestException(RejectReason.INVALID_JSON, invalidJson(e, false));
        } catch (IOException e) {
            throw new RejectedRequestException(
                    RejectReason.INVALID_JSON, "invalid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads tokens up to the end of the object the parser is at, noting its byte range and whether
     * it nests deeper than allowed (the object itself is depth 1).
     */
    private ScannedObject scanObject(JsonParser parser) throws IOException {
        int start = Math.toIntExact(parser.currentTokenLocation().getByteOffset());
        int depth = 1;
        int deepest = 1;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                // The parser reports an unexpected end of input itself; this is a safeguard.
                throw new IOException("unexpected end of input");
            }
            if (token.isStructStart()) {
                depth++;
                deepest = Math.max(deepest, depth);
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
        int end = Math.toIntExact(parser.currentLocation().getByteOffset());
        return new ScannedObject(start, end, deepest > maxNestingDepth);
    }

    private static void requireEnd(JsonParser parser) throws IOException, RejectedRequestException {
        if (parser.nextToken() != null) {
            JsonLocation location = parser.currentTokenLocation();
            throw new RejectedRequestException(
                    RejectReason.INVALID_JSON,
                    "invalid JSON at line "
                            + location.getLineNr()
                            + " column "
                            + location.getColumnNr()
                            + ": unexpected content after the end of the value (send several"
                            + " events as a JSON array or as application/x-ndjson)");
        }
    }

    private static RejectedRequestException constraintViolation(StreamConstraintsException e) {
        String message = truncate(firstLine(e.getOriginalMessage()));
        boolean nesting = message.toLowerCase(Locale.ROOT).contains("nesting");
        return new RejectedRequestException(
                nesting ? RejectReason.TOO_DEEP : RejectReason.EVENT_TOO_LARGE, message);
    }

    private static String invalidJson(JsonProcessingException e, boolean withLine) {
        JsonLocation location = e.getLocation();
        String reason = truncate(firstLine(e.getOriginalMessage()));
        if (location == null) {
            return "invalid JSON: " + reason;
        }
        return "invalid JSON at "
                + (withLine ? "line " + location.getLineNr() + " " : "")
                + "column "
                + location.getColumnNr()
                + ": "
                + reason;
    }

    private static String notAnObject(JsonToken token) {
        String kind =
                switch (token) {
                    case START_ARRAY -> "an array";
                    case VALUE_STRING -> "a string";
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                    case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                    case VALUE_NULL -> "null";
                    default -> token.name();
                };
        return "an event must be a JSON object, not " + kind;
    }

    private String tooDeep() {
        return "event nests deeper than " + maxNestingDepth + " levels";
    }

    private String eventTooLarge(int bytes) {
        return "event of " + bytes + " bytes exceeds the limit of " + maxEventBytes + " bytes";
    }

    private static IndexedRejection rejection(int index, RejectReason reason, String message) {
        return new IndexedRejection(index, new IngestRejection(reason, message));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "malformed input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE_CHARS
                ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static int skipWhitespace(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && isWhitespace(bytes[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private record ScannedObject(int start, int end, boolean tooDeep) {
        int length() {
            return end - start;
        }
    }
}
