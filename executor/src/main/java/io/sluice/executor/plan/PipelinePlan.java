package io.sluice.executor.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a pipeline runs: a DAG of operators in topological order. Stored as JSON with the pipeline,
 * so a restart runs exactly the operators whose state the last checkpoint holds. {@link #version()}
 * is bumped whenever the JSON form changes incompatibly; {@link PlanCodec} refuses plans newer than
 * it knows.
 */
public record PipelinePlan(
        int version,
        String pipeline,
        int parallelism,
        Duration checkpointInterval,
        List<OperatorSpec> operators) {
    public static final int CURRENT_VERSION = 1;

    @JsonCreator
    public PipelinePlan(
            @JsonProperty("version") int version,
            @JsonProperty("pipeline") String pipeline,
            @JsonProperty("parallelism") int parallelism,
            @JsonProperty("checkpointInterval") Duration checkpointInterval,
            @JsonProperty("operators") List<OperatorSpec> operators) {
        this.version = version;
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.parallelism = parallelism;
        this.checkpointInterval = requireNonNull(checkpointInterval, "checkpointInterval is null");
        this.operators = List.copyOf(operators);
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        Set<String> seen = new HashSet<>();
        for (OperatorSpec operator : operators) {
            for (String input : operator.inputs()) {
                if (!seen.contains(input)) {
                    throw new IllegalArgumentException(
                            "operator "
                                    + operator.id()
                                    + " reads "
                                    + input
                                    + ", which is not before it");
                }
            }
            if (!seen.add(operator.id())) {
                throw new IllegalArgumentException("duplicate operator id " + operator.id());
            }
        }
    }

    public static PipelinePlan of(
            String pipeline,
            int parallelism,
            Duration checkpointInterval,
            List<OperatorSpec> operators) {
        return new PipelinePlan(
                CURRENT_VERSION, pipeline, parallelism, checkpointInterval, operators);
    }
}
