package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonToken;

/**
 * A top-level field of an event as far as checking and keying need it: the kind of value and, for a
 * scalar, its text (a string's content, a number's literal, {@code true}/{@code false}).
 *
 * @param token the first token of the value
 * @param text the scalar's text; null for objects, arrays and null
 */
public record FieldValue(JsonToken token, String text) {
    public FieldValue {
        requireNonNull(token, "token is null");
    }

    public static FieldValue string(String text) {
        return new FieldValue(JsonToken.VALUE_STRING, requireNonNull(text, "text is null"));
    }

    public boolean isNull() {
        return token == JsonToken.VALUE_NULL;
    }

    /** How the value is named in messages: "a string", "an object"... */
    public String describe() {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }
}
