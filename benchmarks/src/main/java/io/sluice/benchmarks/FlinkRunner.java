package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runs the scenarios on Flink SQL in a local MiniCluster, in a JVM of its own started with the
 * peer's classpath (built separately, so that Flink never shares a classpath with Sluice).
 */
public final class FlinkRunner extends ChildJvmEngineRunner {
    private static final String MAIN_CLASS = "io.sluice.benchmarks.flink.FlinkSqlJob";

    /**
     * @param classpath the peer's classpath, its own jar first
     * @param heap the engine JVM's maximum heap, e.g. {@code 2g}
     */
    public FlinkRunner(String classpath, String heap, Path workDirectory, Duration timeout) {
        super(
                new ChildJvm(
                        requireNonNull(classpath, "classpath is null"),
                        List.of(
                                "-Xmx" + requireNonNull(heap, "heap is null"),
                                // Flink's serializers reflect into the JDK.
                                "--add-opens=java.base/java.util=ALL-UNNAMED",
                                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                                "--add-opens=java.base/java.nio=ALL-UNNAMED"),
                        timeout),
                workDirectory);
    }

    @Override
    String mainClass() {
        return MAIN_CLASS;
    }

    @Override
    public String engine() {
        return "flink";
    }

    @Override
    List<String> arguments(Scenario scenario, Workload workload, Path runDirectory, Path output) {
        return List.of(
                "bootstrap=" + workload.bootstrapServers(),
                "topic=" + workload.topic(),
                "sink=" + scenario.sink().label(),
                "parallelism=" + scenario.parallelism(),
                "output=" + output,
                "checkpoints=" + runDirectory.resolve("checkpoints"),
                "checkpointMillis=" + scenario.checkpointInterval().toMillis());
    }
}
