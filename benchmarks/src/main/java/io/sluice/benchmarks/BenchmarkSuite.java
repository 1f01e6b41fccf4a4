package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every scenario on every engine, one run at a time so that runs never share the CPUs, and
 * checks that the engines agree on what they wrote.
 */
public final class BenchmarkSuite {
    private static final Logger log = LoggerFactory.getLogger(BenchmarkSuite.class);

    private final List<EngineRunner> engines;
    private final List<Scenario> scenarios;

    public BenchmarkSuite(List<EngineRunner> engines, List<Scenario> scenarios) {
        this.engines = List.copyOf(engines);
        this.scenarios = List.copyOf(scenarios);
    }

    public List<RunResult> run(Workload workload) {
        requireNonNull(workload, "workload is null");
        List<RunResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (EngineRunner engine : engines) {
                log.info("Running {} on {}", scenario.name(), engine.engine());
                RunResult result = engine.run(scenario, workload);
                log.info(
                        "{} {}: {}, {} events/s, {} events/CPU-s",
                        engine.engine(),
                        scenario.name(),
                        result.status(),
                        Math.round(result.eventsPerSecond().orElse(0)),
                        Math.round(result.eventsPerCpuSecond().orElse(0)));
                results.add(result);
            }
        }
        return results;
    }

    /**
     * What is wrong with the results as a test of the harness: every completed run that kept its
     * output must have written exactly the workload's matching events, and all engines the same
     * rows (by checksum). Empty when nothing is wrong.
     */
    public static List<String> disagreements(Workload workload, List<RunResult> results) {
        List<String> problems = new ArrayList<>();
        OptionalLong firstChecksum = OptionalLong.empty();
        String firstRun = null;
        for (RunResult result : results) {
            if (!result.completed() || result.output().rows().isEmpty()) {
                continue;
            }
            String run = result.engine() + " " + result.scenario().name();
            long rows = result.output().rows().getAsLong();
            if (rows != workload.matchingEvents()) {
                problems.add(
                        run + " wrote " + rows + " rows, expected " + workload.matchingEvents());
            }
            OptionalLong checksum = result.output().checksum();
            if (firstChecksum.isEmpty()) {
                firstChecksum = checksum;
                firstRun = run;
            } else if (!Objects.equals(firstChecksum, checksum)) {
                problems.add(
                        run
                                + " wrote other rows than "
                                + firstRun
                                + " (checksum "
                                + checksum
                                + " vs "
                                + firstChecksum
                                + ")");
            }
        }
        return problems;
    }
}
