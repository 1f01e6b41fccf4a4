package io.sluice.executor.expr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.executor.plan.SqlType;

/** The value of the input column at {@code index}. */
public record InputRef(int index, SqlType type) implements Expr {
    @JsonCreator
    public InputRef(@JsonProperty("index") int index, @JsonProperty("type") SqlType type) {
        if (index < 0) {
            throw new IllegalArgumentException("index is negative");
        }
        this.index = index;
        this.type = requireNonNull(type, "type is null");
    }
}
