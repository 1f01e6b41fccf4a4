package io.sluice.benchmarks;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scenarios on Flink SQL in a local MiniCluster, in a JVM of its own started with the
 * peer's classpath (built separately, so that Flink never shares a classpath with Sluice).
 */
public final class FlinkRunner implements EngineRunner {
    private static final Logger log = LoggerFactory.getLogger(FlinkRunner.class);
    private static final String MAIN_CLASS = "io.sluice.benchmarks.flink.FlinkSqlJob";

    private final ChildJvm jvm;
    private final Path workDirectory;

    /**
     * @param classpath the peer's classpath, its own jar first
     * @param heap the engine JVM's maximum heap, e.g. {@code 2g}
     */
    public FlinkRunner(String classpath, String heap, Path workDirectory, Duration timeout) {
        requireNonNull(classpath, "classpath is null");
        requireNonNull(heap, "heap is null");
        this.workDirectory = requireNonNull(workDirectory, "workDirectory is null");
        this.jvm =
                new ChildJvm(
                        classpath,
                        List.of(
                                "-Xmx" + heap,
                                // Flink's serializers reflect into the JDK.
                                "--add-opens=java.base/java.util=ALL-UNNAMED",
                                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                                "--add-opens=java.base/java.nio=ALL-UNNAMED"),
                        timeout);
    }

    @Override
    public String engine() {
        return "flink";
    }

    @Override
    public RunResult run(Scenario scenario, Workload workload) {
        Path runDirectory = workDirectory.resolve("flink-" + scenario.name());
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
                        "sink=" + scenario.sink().label(),
                        "parallelism=" + scenario.parallelism(),
                        "output=" + output,
                        "checkpoints=" + runDirectory.resolve("checkpoints"),
                        "checkpointMillis=" + scenario.checkpointInterval().toMillis());
        Map<String, String> figures;
        try {
            figures = jvm.run(MAIN_CLASS, arguments, runDirectory.resolve("engine.log"));
        } catch (ChildJvm.ChildJvmException e) {
            log.warn("Flink run {} failed", scenario.name(), e);
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
