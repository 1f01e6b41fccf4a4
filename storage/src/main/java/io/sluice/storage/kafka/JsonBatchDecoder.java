package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The decoder of the Kafka source's {@code json} format on its own: record values in, rows of a
 * batch out, exactly as a pipeline decodes them. For benchmarks and tools that measure or reuse
 * decoding without a broker.
 */
public final class JsonBatchDecoder {
    private final JsonRowDecoder decoder;

    private JsonBatchDecoder(JsonRowDecoder decoder) {
        this.decoder = requireNonNull(decoder, "decoder is null");
    }

    /** A decoder for a table with {@code schema} and the default {@code json} options. */
    public static JsonBatchDecoder create(RowSchema schema) {
        return new JsonBatchDecoder(new JsonRowDecoder(schema, Set.of(), TimestampFormat.RFC3339));
    }

    /** Binds the decoder to the batch it writes into; the batch has the table's schema. */
    public void bind(VectorSchemaRoot root) {
        decoder.bind(root);
    }

    /**
     * Decodes one record value into row {@code row}.
     *
     * @return false if the record is bad (the row is then to be overwritten by the next record)
     */
    public boolean decode(byte[] value, int row) {
        try {
            decoder.decode(value, row);
            return true;
        } catch (BadRecordException e) {
            return false;
        }
    }
}
