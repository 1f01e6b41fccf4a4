package io.sluice.executor.expr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.executor.plan.SqlType;
import java.util.List;

/** An operator applied to arguments, producing a value of {@code type}. */
public record Call(Operator operator, List<Expr> operands, SqlType type) implements Expr {
    @JsonCreator
    public Call(
            @JsonProperty("operator") Operator operator,
            @JsonProperty("operands") List<Expr> operands,
            @JsonProperty("type") SqlType type) {
        this.operator = requireNonNull(operator, "operator is null");
        this.operands = List.copyOf(operands);
        this.type = requireNonNull(type, "type is null");
    }
}
