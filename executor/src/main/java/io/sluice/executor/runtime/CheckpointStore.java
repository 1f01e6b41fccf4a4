package io.sluice.executor.runtime;

import java.util.Optional;

/** Where completed checkpoints are recorded; the catalog implements it in Postgres. */
public interface CheckpointStore {
    /**
     * Takes over the checkpoints of {@code pipeline} before a run restores from them. A store
     * shared by several processes fences every earlier claimant: their later {@link #complete}
     * calls throw {@link CheckpointFencedException}, so two servers never both commit a pipeline.
     */
    default void claim(String pipeline) {}

    /** The most recent completed checkpoint of {@code pipeline}. */
    Optional<CompletedCheckpoint> latest(String pipeline);

    /**
     * Records a completed checkpoint. Called once per epoch, in increasing epoch order; a failure
     * leaves the previous checkpoint the latest.
     */
    void complete(String pipeline, CompletedCheckpoint checkpoint);

    /**
     * Notes that every sink subtask committed checkpoint {@code epoch} (the second phase of the
     * two-phase commit); for history only, recovery does not depend on it.
     */
    default void committed(String pipeline, long epoch) {}
}
