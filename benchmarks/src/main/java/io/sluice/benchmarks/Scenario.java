package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One end-to-end run configuration, the same for every engine: the article's query (keep {@code
 * account_created} events, project the sink's columns, three of them read out of {@code
 * properties}) into {@code sink}, with {@code parallelism} subtasks and a checkpoint every {@code
 * checkpointInterval}.
 */
public record Scenario(SinkKind sink, int parallelism, Duration checkpointInterval) {
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    public Scenario {
        requireNonNull(sink, "sink is null");
        requireNonNull(checkpointInterval, "checkpointInterval is null");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive: " + parallelism);
        }
    }

    public static Scenario of(SinkKind sink, int parallelism) {
        return new Scenario(sink, parallelism, DEFAULT_CHECKPOINT_INTERVAL);
    }

    /** A short name for tables and file names, e.g. {@code parquet-p2}. */
    public String name() {
        return sink.label() + "-p" + parallelism;
    }
}
