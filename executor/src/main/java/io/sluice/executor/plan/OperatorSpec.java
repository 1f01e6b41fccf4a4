package io.sluice.executor.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/** One vertex of a pipeline plan: what it does, what it reads, and the schema it produces. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "operator")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SourceSpec.class, name = "source"),
    @JsonSubTypes.Type(value = CalcSpec.class, name = "calc"),
    @JsonSubTypes.Type(value = SinkSpec.class, name = "sink")
})
public sealed interface OperatorSpec permits SourceSpec, CalcSpec, SinkSpec {
    /** Stable id within the plan; checkpointed state is keyed by it. */
    String id();

    /** Ids of the operators whose output this one consumes. */
    List<String> inputs();

    /**
     * The schema of the batches this operator emits (a sink emits nothing and reports its table
     * schema).
     */
    RowSchema outputSchema();
}
