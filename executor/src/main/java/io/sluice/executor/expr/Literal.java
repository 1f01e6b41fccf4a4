package io.sluice.executor.expr;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.sluice.executor.plan.SqlType;

/**
 * A constant. The value is kept in its canonical text form so the plan JSON is exact for every
 * type: numbers as decimal strings, booleans as {@code true}/{@code false}, timestamps as
 * microseconds since the epoch, text as itself. A SQL NULL has a {@code null} value.
 */
public record Literal(String value, SqlType type) implements Expr {
    @JsonCreator
    public Literal(@JsonProperty("value") String value, @JsonProperty("type") SqlType type) {
        this.value = value;
        this.type = requireNonNull(type, "type is null");
    }

    @JsonIgnore
    public boolean isNull() {
        return value == null;
    }
}
