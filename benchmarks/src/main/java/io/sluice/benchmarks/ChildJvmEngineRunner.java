package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An engine run in a JVM of its own: one run directory per scenario, the engine's main class given
 * its arguments, the figures it prints read back, and its output inspected. Engines differ only in
 * their main class and arguments.
 */
abstract class ChildJvmEngineRunner implements EngineRunner {
    private static final Logger log = LoggerFactory.getLogger(ChildJvmEngineRunner.class);

    private final ChildJvm jvm;
    private final Path workDirectory;

    ChildJvmEngineRunner(ChildJvm jvm, Path workDirectory) {
        this.jvm = requireNonNull(jvm, "jvm is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
    }

    /** The class whose {@code main} runs one scenario and prints its figures. */
    abstract String mainClass();

    /** The {@code key=value} arguments of one run; {@code output} is where its sink writes. */
    abstract List<String> arguments(
            Scenario scenario, Workload workload, Path runDirectory, Path output);

    @Override
    public final RunResult run(Scenario scenario, Workload workload) {
        Path runDirectory = workDirectory.resolve(engine() + "-" + scenario.name());
        Path output = runDirectory.resolve("output");
        try {
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> figures;
        try {
            figures =
                    jvm.run(
                            mainClass(),
                            arguments(scenario, workload, runDirectory, output),
                            runDirectory.resolve("engine.log"));
        } catch (ChildJvm.ChildJvmException e) {
            log.warn("{} run {} failed", engine(), scenario.name(), e);
            return RunResult.withoutFigures(
                    engine(), scenario, RunResult.Status.FAILED, e.getMessage());
        }
        OutputSummary summary =
                scenario.sink() == SinkKind.BLACKHOLE
                        ? OutputSummary.none()
                        : OutputInspector.inspect(output);
        return RunResult.completed(
                engine(),
                scenario,
                workload.events(),
                ChildJvm.figure(figures, "netMillis"),
                ChildJvm.figure(figures, "cpuNanos"),
                ChildJvm.figure(figures, "peakRssBytes"),
                summary);
    }
}
