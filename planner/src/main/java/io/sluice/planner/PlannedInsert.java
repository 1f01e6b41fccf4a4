package io.sluice.planner;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import java.util.Optional;

/**
 * The result of planning an INSERT.
 *
 * @param plan what the executor runs
 * @param inferredSinkSchema for a sink declared without columns, the columns this INSERT gives it;
 *     the caller stores them in the catalog with the pipeline
 * @param explain the optimized logical plan, as EXPLAIN shows it
 */
public record PlannedInsert(
        PipelinePlan plan, Optional<RowSchema> inferredSinkSchema, String explain) {
    public PlannedInsert {
        requireNonNull(plan, "plan is null");
        requireNonNull(inferredSinkSchema, "inferredSinkSchema is null");
        requireNonNull(explain, "explain is null");
    }
}
