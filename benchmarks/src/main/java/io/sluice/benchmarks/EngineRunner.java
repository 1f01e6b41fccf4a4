package io.sluice.benchmarks;

/**
 * Runs a scenario on one engine against a preloaded workload. The engine reads the workload's topic
 * from the start to the end offsets it finds when it starts, then stops by itself. Its CPU time and
 * memory are those of the engine's own process; the broker runs elsewhere.
 */
public interface EngineRunner {
    /** The engine's name in reports, e.g. {@code sluice} or {@code flink}. */
    String engine();

    /**
     * Runs {@code scenario} to completion. Returns a result with status {@link
     * RunResult.Status#FAILED} rather than throwing when the engine fails.
     */
    RunResult run(Scenario scenario, Workload workload);
}
