package io.sluice.server.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.PipelinePlan;
import java.time.Instant;
import java.util.Optional;

/**
 * A pipeline as the catalog keeps it.
 *
 * @param query the INSERT statement as the user wrote it
 * @param plan the plan it was compiled to; a restart runs this plan, not a re-planned query
 * @param desired whether the user wants it running
 */
public record StoredPipeline(
        String name,
        String query,
        PipelinePlan plan,
        DesiredState desired,
        Optional<String> lastError,
        Instant createdAt) {
    public StoredPipeline {
        requireNonNull(name, "name is null");
        requireNonNull(query, "query is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(desired, "desired is null");
        requireNonNull(lastError, "lastError is null");
        requireNonNull(createdAt, "createdAt is null");
    }

    /** What the user asked a pipeline to be. */
    public enum DesiredState {
        RUNNING,
        STOPPED
    }
}
