package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import io.sluice.benchmarks.sluice.SluiceJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenarios on Sluice's pipeline runtime ({@link SluiceJob}) in a JVM of its own, with the
 * harness's classpath.
 */
public final class SluiceRunner implements EngineRunner {
    private static final Logger log = LoggerFactory.getLogger(SluiceRunner.class);

    private final ChildJvm jvm;
    private final Path workDirectory;

    /**
     * @param heap the engine JVM's maximum heap, e.g. {@code 2g}
     */
    public SluiceRunner(String classpath, String heap, Path workDirectory, Duration timeout) {
        requireNonNull(classpath, "classpath is null");
        requireNonNull(heap, "heap is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
        List<String> options = new ArrayList<>();
        options.add("-Xmx" + heap);
        // Arrow's memory needs java.nio opened; the allocator is chosen explicitly.
        options.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        options.add("-Darrow.allocation.manager.type=Unsafe");
        this.jvm = new ChildJvm(classpath, options, timeout);
    }

    @Override
    public String engine() {
        return "sluice";
    }

    @Override
    public RunResult run(Scenario scenario, Workload workload) {
        Path runDirectory = workDirectory.resolve("sluice-" + scenario.name());
        Path output = runDirectory.resolve("output");
        try {
            Files.createDirectories(runDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> arguments =
                List.of(
                        "bootstrap=" + workload.bootstrapServers(),
                        "topic=" + workload.topic(),
                        "events=" + workload.events(),
                        "sink=" + scenario.sink().label(),
                        "parallelism=" + scenario.parallelism(),
                        "output=" + output,
                        "checkpointMillis=" + scenario.checkpointInterval().toMillis());
        Map<String, String> figures;
        try {
            figures =
                    jvm.run(
                            SluiceJob.class.getName(),
                            arguments,
                            runDirectory.resolve("engine.log"));
        } catch (ChildJvm.ChildJvmException e) {
            log.warn("Sluice run {} failed", scenario.name(), e);
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
