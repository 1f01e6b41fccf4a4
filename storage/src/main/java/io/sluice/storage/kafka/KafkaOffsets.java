package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kafka source's checkpoint state: for each partition the next offset to read, as JSON {@code
 * {"partitions":{"0":1234,"1":99}}} so that it stays readable when debugging a restore.
 */
final class KafkaOffsets {
    private static final JsonFactory JSON = new JsonFactory();

    private KafkaOffsets() {}

    static byte[] encode(Map<Integer, Long> nextOffsets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeObjectFieldStart("partitions");
            for (Map.Entry<Integer, Long> entry : new TreeMap<>(nextOffsets).entrySet()) {
                generator.writeNumberField(entry.getKey().toString(), entry.getValue());
            }
            generator.writeEndObject();
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<Integer, Long> decode(byte[] state) {
        Map<Integer, Long> offsets = new TreeMap<>();
        if (state.length == 0) {
            return offsets;
        }
        try (JsonParser parser = JSON.createParser(state)) {
            expect(parser.nextToken() == JsonToken.START_OBJECT, state);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (!name.equals("partitions")) {
                    parser.skipChildren();
                    continue;
                }
                expect(token == JsonToken.START_OBJECT, state);
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    int partition = Integer.parseInt(parser.currentName());
                    expect(parser.nextToken() == JsonToken.VALUE_NUMBER_INT, state);
                    offsets.put(partition, parser.getLongValue());
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw corrupt(state, e);
        }
        return offsets;
    }

    private static void expect(boolean condition, byte[] state) {
        if (!condition) {
            throw corrupt(state, null);
        }
    }

    private static SluiceException corrupt(byte[] state, Exception cause) {
        return new SluiceException(
                ErrorCode.INTERNAL_ERROR,
                "stored Kafka source state is unreadable: " + new String(state, UTF_8),
                cause);
    }
}
