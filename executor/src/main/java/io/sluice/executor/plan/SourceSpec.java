package io.sluice.executor.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Reads a source table through a connector. {@code options} are the table's options after aliases
 * were resolved and a connection profile merged in; values may still hold {@code {{ VAR }}}
 * placeholders, substituted when the pipeline runs.
 */
public record SourceSpec(
        String id,
        String table,
        String connector,
        Map<String, String> options,
        RowSchema outputSchema)
        implements OperatorSpec {
    @JsonCreator
    public SourceSpec(
            @JsonProperty("id") String id,
            @JsonProperty("table") String table,
            @JsonProperty("connector") String connector,
            @JsonProperty("options") Map<String, String> options,
            @JsonProperty("outputSchema") RowSchema outputSchema) {
        this.id = requireNonNull(id, "id is null");
        this.table = requireNonNull(table, "table is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.options = Map.copyOf(options);
        this.outputSchema = requireNonNull(outputSchema, "outputSchema is null");
    }

    @Override
    public List<String> inputs() {
        return List.of();
    }
}
