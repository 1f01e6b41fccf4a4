package io.sluice.executor.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Writes its input into a sink table through a connector; {@code outputSchema} is the table's
 * schema.
 */
public record SinkSpec(
        String id,
        List<String> inputs,
        String table,
        String connector,
        Map<String, String> options,
        RowSchema outputSchema)
        implements OperatorSpec {
    @JsonCreator
    public SinkSpec(
            @JsonProperty("id") String id,
            @JsonProperty("inputs") List<String> inputs,
            @JsonProperty("table") String table,
            @JsonProperty("connector") String connector,
            @JsonProperty("options") Map<String, String> options,
            @JsonProperty("outputSchema") RowSchema outputSchema) {
        this.id = requireNonNull(id, "id is null");
        this.inputs = List.copyOf(inputs);
        this.table = requireNonNull(table, "table is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.options = Map.copyOf(options);
        this.outputSchema = requireNonNull(outputSchema, "outputSchema is null");
    }
}
