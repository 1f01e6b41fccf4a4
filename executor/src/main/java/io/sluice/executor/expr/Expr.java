package io.sluice.executor.expr;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sluice.executor.plan.SqlType;

/**
 * A scalar expression in a pipeline plan. The planner translates Calcite's RexNodes into this IR;
 * the executor compiles it into column-at-a-time kernels. It is part of the stored plan, so it must
 * stay JSON-compatible across versions.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "expr")
@JsonSubTypes({
    @JsonSubTypes.Type(value = InputRef.class, name = "input"),
    @JsonSubTypes.Type(value = Literal.class, name = "literal"),
    @JsonSubTypes.Type(value = Call.class, name = "call")
})
public sealed interface Expr permits InputRef, Literal, Call {
    /** The type of the value this expression produces. */
    SqlType type();
}
