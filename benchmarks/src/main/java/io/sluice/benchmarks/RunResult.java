package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.OptionalDouble;

/**
 * The figures of one engine on one scenario. Rates exist only for completed runs; a run that could
 * not be made says why in {@code detail} and carries no figures at all.
 *
 * @param netMillis the job's run time, from its start to its end, without engine start-up
 * @param cpuNanos CPU time of the engine's process over the same span
 * @param peakRssBytes the most memory the engine's process held resident, or -1 when unknown
 */
public record RunResult(
        String engine,
        Scenario scenario,
        Status status,
        String detail,
        long inputEvents,
        long netMillis,
        long cpuNanos,
        long peakRssBytes,
        OutputSummary output) {

    /** Whether a run produced figures. */
    public enum Status {
        COMPLETED,
        /** The engine's side of the harness does not exist yet. */
        PENDING,
        /** The engine exists but cannot run this scenario yet. */
        NOT_SUPPORTED,
        FAILED
    }

    public RunResult {
        requireNonNull(engine, "engine is null");
        requireNonNull(scenario, "scenario is null");
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(output, "output is null");
    }

    public static RunResult completed(
            String engine,
            Scenario scenario,
            long inputEvents,
            long netMillis,
            long cpuNanos,
            long peakRssBytes,
            OutputSummary output) {
        return new RunResult(
                engine,
                scenario,
                Status.COMPLETED,
                "",
                inputEvents,
                netMillis,
                cpuNanos,
                peakRssBytes,
                output);
    }

    public static RunResult withoutFigures(
            String engine, Scenario scenario, Status status, String detail) {
        if (status == Status.COMPLETED) {
            throw new IllegalArgumentException("a completed run has figures");
        }
        return new RunResult(engine, scenario, status, detail, 0, 0, 0, -1, OutputSummary.none());
    }

    public boolean completed() {
        return status == Status.COMPLETED;
    }

    /** Input events per second of the job's net run time. */
    public OptionalDouble eventsPerSecond() {
        if (!completed() || netMillis <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(inputEvents * 1000.0 / netMillis);
    }

    /**
     * Input events per CPU-second of the engine's process: the figure that survives a busy host.
     */
    public OptionalDouble eventsPerCpuSecond() {
        if (!completed() || cpuNanos <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(inputEvents * 1e9 / cpuNanos);
    }
}
