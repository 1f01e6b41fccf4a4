package io.sluice.executor.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.executor.expr.Expr;
import java.util.List;
import java.util.Optional;

/**
 * Filter and projection in one operator: keeps the rows where {@code condition} is true (all rows
 * when absent) and computes {@code projections} over them. Output column {@code i} is named by
 * {@code outputSchema.column(i)}.
 */
public record CalcSpec(
        String id,
        List<String> inputs,
        Optional<Expr> condition,
        List<Expr> projections,
        RowSchema outputSchema)
        implements OperatorSpec {
    @JsonCreator
    public CalcSpec(
            @JsonProperty("id") String id,
            @JsonProperty("inputs") List<String> inputs,
            @JsonProperty("condition") Optional<Expr> condition,
            @JsonProperty("projections") List<Expr> projections,
            @JsonProperty("outputSchema") RowSchema outputSchema) {
        this.id = requireNonNull(id, "id is null");
        this.inputs = List.copyOf(inputs);
        this.condition = requireNonNull(condition, "condition is null");
        this.projections = List.copyOf(projections);
        this.outputSchema = requireNonNull(outputSchema, "outputSchema is null");
        if (projections.size() != outputSchema.size()) {
            throw new IllegalArgumentException("projections and output schema differ in size");
        }
    }
}
