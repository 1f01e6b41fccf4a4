package io.sluice.storage.kafka;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Turns the bytes of one record into one row of a batch; chosen by the {@code format} option. */
interface RowDecoder {
    /** Binds the decoder to the vectors it writes into; called once before decoding. */
    void bind(VectorSchemaRoot root);

    /**
     * Writes one record into row {@code row}. On failure the row may be partly written; the caller
     * writes the next record into the same row, which overwrites every column.
     */
    void decode(byte[] data, int row) throws BadRecordException;
}
