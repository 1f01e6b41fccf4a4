package io.sluice.storage.kafka;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Copies each record whole into the table's single {@code value} column: {@code json.unstructured}
 * (the bytes must be one JSON document), {@code raw_string} and {@code raw_bytes} (any bytes).
 */
final class WholeRecordDecoder implements RowDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    private final boolean validateJson;
    private BaseVariableWidthVector vector;

    WholeRecordDecoder(boolean validateJson) {
        this.validateJson = validateJson;
    }

    @Override
    public void bind(VectorSchemaRoot root) {
        vector = (BaseVariableWidthVector) root.getVector(0);
    }

    @Override
    public void decode(byte[] data, int row) throws BadRecordException {
        if (validateJson) {
            validate(data);
        }
        vector.setSafe(row, data, 0, data.length);
    }

    private static void validate(byte[] data) throws BadRecordException {
        try (JsonParser parser = JSON.createParser(data, 0, data.length)) {
            if (parser.nextToken() == null) {
                throw new BadRecordException("record is empty, not a JSON document");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new BadRecordException("unexpected data after the JSON document");
            }
        } catch (JsonProcessingException e) {
            throw new BadRecordException("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRecordException("unreadable JSON: " + e.getMessage());
        }
    }
}
