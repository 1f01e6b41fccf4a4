package io.sluice.executor.spi;

import java.time.Duration;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Produces Arrow batches for one subtask of a pipeline. Called from a single thread; the batch
 * returned by {@link #poll(Duration)} is owned by the source and valid until the next call.
 */
public interface Source extends AutoCloseable {
    /**
     * Waits up to {@code maxWait} for records and decodes them into a batch with the table's
     * schema.
     *
     * <p>The runtime may move the buffers of the batch's vectors into its own batches (a column
     * projected unchanged is not copied), so a source must allocate its vectors again before
     * filling the next batch ({@code root.allocateNew()}, or {@code setSafe} writes).
     *
     * @return the batch, possibly with zero rows when nothing arrived in time
     */
    VectorSchemaRoot poll(Duration maxWait);

    /**
     * The position after the last record returned by {@link #poll}, as opaque bytes the source
     * reads back from {@link SourceContext#restoredState()} to resume there.
     */
    byte[] snapshotState();

    /**
     * As {@link #snapshotState()}, for the checkpoint {@code epoch}; a source that acts once the
     * checkpoint completes (see {@link #checkpointCompleted}) remembers what belongs to which
     * epoch.
     */
    default byte[] snapshotState(long epoch) {
        return snapshotState();
    }

    /**
     * Called on the source's thread once the checkpoint {@code epoch} (and so every earlier one) is
     * durable, e.g. to tell an external system how far the pipeline got. Must not fail the pipeline
     * for something only informative.
     */
    default void checkpointCompleted(long epoch) {}

    /** True when a bounded source has returned everything it will ever return. */
    default boolean isFinished() {
        return false;
    }

    @Override
    void close();
}
