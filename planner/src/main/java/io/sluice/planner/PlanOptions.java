package io.sluice.planner;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** Settings of a pipeline that planning records in its plan. */
public record PlanOptions(int parallelism, Duration checkpointInterval) {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    public PlanOptions {
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("checkpointInterval must be positive");
        }
    }

    /** Parallelism 1, a checkpoint every 10 seconds. */
    public static PlanOptions defaults() {
        return new PlanOptions(1, DEFAULT_CHECKPOINT_INTERVAL);
    }
}
