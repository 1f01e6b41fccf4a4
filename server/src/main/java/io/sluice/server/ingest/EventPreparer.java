package io.sluice.server.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a validated event of one stream into the record to produce: adds the enrichment fields,
 * checks the schema and picks the partition key. Only top-level fields are read, with a streaming
 * parser; nested values are skipped. Added fields are spliced in before the closing brace, so the
 * client's bytes stay as they were, except when an added field replaces one the client sent.
 */
public final class EventPreparer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter RECEIVE_TIME = DateTimeFormatter.ISO_INSTANT;

    private final IngestStream stream;
    private final Optional<EventSchema> schema;
    private final JsonFactory jsonFactory;

    public EventPreparer(IngestStream stream, Optional<EventSchema> schema) {
        this.stream = requireNonNull(stream, "stream is null");
        this.schema = requireNonNull(schema, "schema is null");
        // Events reaching here have already passed the size and depth limits.
        this.jsonFactory =
                JsonFactory.builder()
                        .streamReadConstraints(
                                StreamReadConstraints.builder()
                                        .maxNestingDepth(Integer.MAX_VALUE)
                                        .maxStringLength(Integer.MAX_VALUE)
                                        .maxNumberLength(Integer.MAX_VALUE)
                                        .build())
                        .build();
    }

    public IngestStream stream() {
        return stream;
    }

    /**
     * @param value a well-formed JSON object
     * @param receivedAt when the request arrived
     * @param clientIp the address of the client's connection
     */
    public PreparedEvent prepare(byte[] value, Instant receivedAt, String clientIp)
            throws SchemaViolationException {
        if (!stream.inspectsEvents()) {
            return new PreparedEvent(null, value);
        }
        Map<String, FieldValue> fields = topLevelFields(value);
        Map<String, String> added = new LinkedHashMap<>();
        Enrichment enrichment = stream.enrichment();
        if (enrichment.id()) {
            FieldValue id = fields.get(Enrichment.ID_FIELD);
            if (id == null || id.isNull()) {
                added.put(Enrichment.ID_FIELD, UUID.randomUUID().toString());
            }
        }
        if (enrichment.receiveTime()) {
            added.put(
                    Enrichment.RECEIVE_TIME_FIELD,
                    RECEIVE_TIME.format(receivedAt.truncatedTo(ChronoUnit.MILLIS)));
        }
        if (enrichment.clientIp()) {
            added.put(Enrichment.CLIENT_IP_FIELD, clientIp);
        }
        byte[] enriched = added.isEmpty() ? value : withFields(value, fields, added);
        added.forEach((name, text) -> fields.put(name, FieldValue.string(text)));
        if (schema.isPresent()) {
            schema.get().check(fields);
        }
        return new PreparedEvent(partitionKey(fields), enriched);
    }

    private byte[] partitionKey(Map<String, FieldValue> fields) {
        if (stream.partitionKey().isEmpty()) {
            return null;
        }
        FieldValue value = fields.get(stream.partitionKey().get());
        // Objects, arrays, null and absent fields give no key: the producer spreads such events.
        if (value == null || value.text() == null) {
            return null;
        }
        return value.text().getBytes(UTF_8);
    }

    private Map<String, FieldValue> topLevelFields(byte[] value) {
        Map<String, FieldValue> fields = new HashMap<>();
        try (JsonParser parser = jsonFactory.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("an event is a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (token.isStructStart()) {
                    fields.put(name, new FieldValue(token, null));
                    parser.skipChildren();
                } else {
                    fields.put(
                            name,
                            new FieldValue(
                                    token,
                                    token == JsonToken.VALUE_NULL ? null : parser.getText()));
                }
            }
        } catch (IOException e) {
            // The decoder has checked the event already.
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    private static byte[] withFields(
            byte[] value, Map<String, FieldValue> fields, Map<String, String> added) {
        boolean replaces = added.keySet().stream().anyMatch(fields::containsKey);
        if (replaces) {
            try {
                ObjectNode tree = (ObjectNode) MAPPER.readTree(value);
                added.forEach(tree::put);
                return MAPPER.writeValueAsBytes(tree);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        int close = value.length - 1;
        while (value[close] != '}') {
            close--;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 96);
        out.write(value, 0, close);
        boolean first = fields.isEmpty();
        JsonStringEncoder encoder = JsonStringEncoder.getInstance();
        for (Map.Entry<String, String> field : added.entrySet()) {
            if (!first) {
                out.write(',');
            }
            first = false;
            out.write('"');
            out.writeBytes(encoder.quoteAsUTF8(field.getKey()));
            out.writeBytes("\":\"".getBytes(UTF_8));
            out.writeBytes(encoder.quoteAsUTF8(field.getValue()));
            out.write('"');
        }
        out.write(value, close, value.length - close);
        return out.toByteArray();
    }
}
