package io.sluice.executor.runtime;

import java.time.Duration;
import java.util.Optional;

/** Control over one running pipeline. Thread-safe. */
public interface PipelineHandle {
    String pipeline();

    PipelineState state();

    /** Why the pipeline failed, once it is {@link PipelineState#FAILED}. */
    Optional<Throwable> failure();

    PipelineMetrics metrics();

    /**
     * Takes a final checkpoint, then closes every operator and frees the pipeline's memory. Waits
     * at most 30 seconds; see {@link #stop(Duration)}.
     */
    default void stop() {
        stop(Duration.ofSeconds(30));
    }

    /**
     * Stops like {@link #stop()}, waiting at most {@code timeout}. Subtasks still running after it
     * are interrupted and the pipeline ends FAILED.
     */
    void stop(Duration timeout);

    /** Waits until the pipeline is STOPPED or FAILED; returns whether it is. */
    boolean awaitTermination(Duration timeout) throws InterruptedException;
}
