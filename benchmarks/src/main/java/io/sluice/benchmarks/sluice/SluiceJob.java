package io.sluice.benchmarks.sluice;

import io.sluice.benchmarks.ChildJvm;
import io.sluice.benchmarks.ProcessFigures;
import io.sluice.benchmarks.SinkKind;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.runtime.ConnectorRegistry;
import io.sluice.executor.runtime.InMemoryCheckpointStore;
import io.sluice.executor.runtime.PipelineHandle;
import io.sluice.executor.runtime.PipelineMetrics;
import io.sluice.executor.runtime.PipelineRunner;
import io.sluice.executor.runtime.PipelineState;
import io.sluice.executor.runtime.ServiceLoaderConnectorRegistry;
import io.sluice.executor.spi.ConnectorFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Runs one benchmark scenario on Sluice's pipeline runtime in this JVM and prints one result line
 * (see {@link ChildJvm}) with the pipeline's run time, this process's CPU time over it and its peak
 * resident set size.
 *
 * <p>The Kafka source has no bounded mode, so the run ends when the pipeline has read the number of
 * events the topic was preloaded with: the pipeline is then stopped, which takes a final checkpoint
 * and so commits the last files, and the stop is part of the measured time.
 *
 * <p>Usage: {@code SluiceJob key=value...} with keys {@code bootstrap}, {@code topic}, {@code
 * events}, {@code sink} ({@code blackhole} or {@code parquet}), {@code parallelism}, {@code output}
 * and {@code checkpointMillis}.
 */
public final class SluiceJob {
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    private SluiceJob() {}

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> arguments = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            arguments.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        long events = Long.parseLong(required(arguments, "events"));
        SinkKind sink = SinkKind.valueOf(required(arguments, "sink").toUpperCase(Locale.ROOT));
        PipelinePlan plan =
                ArticlePipeline.plan(
                        required(arguments, "bootstrap"),
                        required(arguments, "topic"),
                        sink,
                        Path.of(required(arguments, "output")).toAbsolutePath(),
                        Integer.parseInt(required(arguments, "parallelism")),
                        Duration.ofMillis(Long.parseLong(required(arguments, "checkpointMillis"))));

        List<ConnectorFactory> connectors =
                new ArrayList<>(new ServiceLoaderConnectorRegistry().connectors());
        connectors.add(new DiscardConnectorFactory());
        try (BufferAllocator allocator = new RootAllocator()) {
            PipelineRunner runner =
                    new PipelineRunner(
                            ConnectorRegistry.of(connectors.toArray(new ConnectorFactory[0])),
                            new InMemoryCheckpointStore(),
                            allocator,
                            Map.of());
            long cpuStart = ProcessFigures.cpuNanos();
            long startNanos = System.nanoTime();
            PipelineHandle pipeline = runner.start(plan);
            PipelineMetrics metrics = pipeline.metrics();
            while (metrics.rowsRead() < events && !pipeline.state().isTerminal()) {
                Thread.sleep(POLL.toMillis());
                metrics = pipeline.metrics();
            }
            if (pipeline.state().isTerminal()) {
                throw new IllegalStateException(
                        "pipeline ended "
                                + pipeline.state()
                                + " after "
                                + metrics.rowsRead()
                                + " rows",
                        pipeline.failure().orElse(null));
            }
            pipeline.stop(STOP_TIMEOUT);
            long netMillis = (System.nanoTime() - startNanos) / 1_000_000;
            long cpuNanos = ProcessFigures.cpuNanos() - cpuStart;
            if (pipeline.state() != PipelineState.STOPPED) {
                throw new IllegalStateException(
                        "pipeline ended " + pipeline.state(), pipeline.failure().orElse(null));
            }
            metrics = pipeline.metrics();
            System.out.println(
                    ChildJvm.RESULT_PREFIX
                            + "netMillis="
                            + netMillis
                            + " cpuNanos="
                            + cpuNanos
                            + " peakRssBytes="
                            + ProcessFigures.peakRssBytes()
                            + " rowsRead="
                            + metrics.rowsRead()
                            + " rowsWritten="
                            + metrics.rowsWritten());
            System.out.flush();
        }
    }

    private static String required(Map<String, String> arguments, String key) {
        String value = arguments.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key);
        }
        return value;
    }
}
