package io.sluice.executor.runtime;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.TableOptions;
import io.sluice.executor.spi.TableRole;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Starts pipelines: checks the plan's shape, resolves connectors and options, restores the latest
 * completed checkpoint and runs {@code parallelism} subtasks, each a thread running source → calc*
 * → sink.
 */
public final class PipelineRunner {
    private final ConnectorRegistry connectors;
    private final CheckpointStore checkpoints;
    private final BufferAllocator rootAllocator;
    private final Map<String, String> environment;
    private final Clock clock;

    /**
     * @param environment values for {@code {{ VAR }}} placeholders in table options
     */
    public PipelineRunner(
            ConnectorRegistry connectors,
            CheckpointStore checkpoints,
            BufferAllocator rootAllocator,
            Map<String, String> environment) {
        this(connectors, checkpoints, rootAllocator, environment, Clock.systemUTC());
    }

    public PipelineRunner(
            ConnectorRegistry connectors,
            CheckpointStore checkpoints,
            BufferAllocator rootAllocator,
            Map<String, String> environment,
            Clock clock) {
        this.connectors = requireNonNull(connectors, "connectors is null");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints is null");
        this.rootAllocator = requireNonNull(rootAllocator, "rootAllocator is null");
        this.environment = Map.copyOf(environment);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Starts {@code plan}. Errors in the plan, its connectors or its options are thrown here;
     * errors while running mark the returned pipeline FAILED.
     */
    public PipelineHandle start(PipelinePlan plan) {
        requireNonNull(plan, "plan is null");
        Chain chain = Chain.of(plan);
        ConnectorFactory sourceConnector = connectors.get(chain.source().connector());
        ConnectorFactory sinkConnector = connectors.get(chain.sink().connector());
        Map<String, String> sourceOptions =
                TableOptions.validate(sourceConnector, TableRole.SOURCE, chain.source().options())
                        .substitute(environment)
                        .values();
        Map<String, String> sinkOptions =
                TableOptions.validate(sinkConnector, TableRole.SINK, chain.sink().options())
                        .substitute(environment)
                        .values();
        checkpoints.claim(plan.pipeline());
        Optional<CompletedCheckpoint> restored = checkpoints.latest(plan.pipeline());
        BufferAllocator allocator =
                rootAllocator.newChildAllocator(
                        "pipeline-" + plan.pipeline(), 0, rootAllocator.getLimit());
        RunningPipeline pipeline;
        try {
            pipeline =
                    new RunningPipeline(
                            plan,
                            chain,
                            new RunningPipeline.Endpoint(sourceConnector, sourceOptions),
                            new RunningPipeline.Endpoint(sinkConnector, sinkOptions),
                            restored,
                            checkpoints,
                            allocator,
                            clock);
        } catch (RuntimeException e) {
            allocator.close();
            throw e;
        }
        pipeline.start();
        return pipeline;
    }

    /** The only plan shape run for now: one source, a chain of calcs, one sink. */
    record Chain(SourceSpec source, List<CalcSpec> calcs, SinkSpec sink) {
        static Chain of(PipelinePlan plan) {
            List<OperatorSpec> operators = plan.operators();
            if (operators.size() < 2
                    || !(operators.get(0) instanceof SourceSpec)
                    || !(operators.get(operators.size() - 1) instanceof SinkSpec)) {
                throw notSupported();
            }
            List<CalcSpec> calcs = new ArrayList<>();
            for (int i = 1; i < operators.size(); i++) {
                OperatorSpec operator = operators.get(i);
                if (!operator.inputs().equals(List.of(operators.get(i - 1).id()))) {
                    throw notSupported();
                }
                if (i < operators.size() - 1) {
                    if (!(operator instanceof CalcSpec)) {
                        throw notSupported();
                    }
                    calcs.add((CalcSpec) operator);
                }
            }
            return new Chain(
                    (SourceSpec) operators.get(0),
                    calcs,
                    (SinkSpec) operators.get(operators.size() - 1));
        }

        private static SluiceException notSupported() {
            return new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "only pipelines of the shape source → filter/projection → sink are supported");
        }
    }
}
