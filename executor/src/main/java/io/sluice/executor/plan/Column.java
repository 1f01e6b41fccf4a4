package io.sluice.executor.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A named, typed column of a table or of an operator's output. */
public record Column(String name, SqlType type) {
    @JsonCreator
    public Column(@JsonProperty("name") String name, @JsonProperty("type") SqlType type) {
        this.name = requireNonNull(name, "name is null");
        this.type = requireNonNull(type, "type is null");
    }
}
