package io.sluice.executor.spi;

import java.time.Instant;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes Arrow batches of one subtask into a table. Called from a single thread.
 *
 * <p>Sinks take part in a two-phase commit. At a checkpoint barrier the sink makes every row
 * written so far recoverable from its checkpoint state (the pre-commit: finished files that are not
 * visible yet, and what is needed to finish the open ones exactly as of the barrier). Once the
 * checkpoint is recorded, the runtime calls {@link #commit(long)} and the sink makes the files
 * prepared up to that epoch visible. After a restart the runtime calls {@link #commit(long)} again
 * with the restored epoch, so a commit may run more than once and must be idempotent.
 */
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
     * @return whether every row written so far is covered by the returned state (durable, or
     *     recoverable from the state and made visible by {@link #commit(long)}), and the state to
     *     store with the checkpoint
     */
    SinkCheckpoint checkpoint(long epoch, Instant now);

    /**
     * Makes visible what the checkpoints up to and including {@code epoch} prepared. Called after
     * checkpoint {@code epoch} is recorded (epochs of checkpoints that never completed are
     * skipped), and once right after the sink is created from a restored checkpoint, with that
     * checkpoint's epoch. Must be idempotent: a commit interrupted by a crash runs again after the
     * restart.
     */
    default void commit(long epoch) {}

    /**
     * Releases resources. Must not remove anything the last checkpoint's state refers to: the
     * pipeline may be restored from it.
     */
    @Override
    void close();
}
