package io.sluice.executor.spi;

import java.time.Instant;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes Arrow batches of one subtask into a table. Called from a single thread. */
public interface Sink extends AutoCloseable {
    /**
     * Takes the rows of {@code batch}; the batch belongs to the caller and may be reused after the
     * call returns.
     */
    void write(VectorSchemaRoot batch);

    /**
     * Called at every checkpoint barrier, after every row before the barrier was written. The sink
     * decides, by its rolling policy, whether to finish files now.
     *
     * @return whether every row written so far is durable in the table, and the state to store with
     *     the checkpoint
     */
    SinkCheckpoint checkpoint(long epoch, Instant now);

    @Override
    void close();
}
