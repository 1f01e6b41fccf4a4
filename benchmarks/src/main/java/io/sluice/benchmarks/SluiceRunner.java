package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import io.sluice.benchmarks.sluice.SluiceJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the scenarios on Sluice's pipeline runtime ({@link SluiceJob}) in a JVM of its own, with the
 * harness's classpath.
 */
public final class SluiceRunner extends ChildJvmEngineRunner {

    /**
     * @param heap the engine JVM's maximum heap, e.g. {@code 2g}
     */
    public SluiceRunner(String classpath, String heap, Path workDirectory, Duration timeout) {
        super(
                new ChildJvm(
                        requireNonNull(classpath, "classpath is null"),
                        List.of(
                                "-Xmx" + requireNonNull(heap, "heap is null"),
                                // Arrow's memory needs java.nio opened; the allocator is chosen
                                // explicitly.
                                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                                "-Darrow.allocation.manager.type=Unsafe"),
                        timeout),
                workDirectory);
    }

    @Override
    String mainClass() {
        return SluiceJob.class.getName();
    }

    @Override
    public String engine() {
        return "sluice";
    }

    @Override
    List<String> arguments(Scenario scenario, Workload workload, Path runDirectory, Path output) {
        return List.of(
                "bootstrap=" + workload.bootstrapServers(),
                "topic=" + workload.topic(),
                "events=" + workload.events(),
                "sink=" + scenario.sink().label(),
                "parallelism=" + scenario.parallelism(),
                "output=" + output,
                "checkpointMillis=" + scenario.checkpointInterval().toMillis());
    }
}
