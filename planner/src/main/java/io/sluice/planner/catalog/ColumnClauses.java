package io.sluice.planner.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a table's columns say beyond name and type: which come from record metadata ({@code METADATA
 * FROM 'key'}), which are computed ({@code GENERATED ALWAYS AS (expr)}) and which one carries the
 * watermark ({@code WATERMARK FOR col [AS expr]}).
 *
 * @param metadata column name to metadata key, e.g. {@code kafka_offset -> offset_id}
 * @param generated column name to its expression as SQL text over the table's other columns
 * @param watermarkColumn the event-time column of {@code WATERMARK FOR}, or null
 * @param watermarkExpression the expression of {@code WATERMARK FOR ... AS}, or null
 */
public record ColumnClauses(
        Map<String, String> metadata,
        Map<String, String> generated,
        String watermarkColumn,
        String watermarkExpression) {
    /** A table whose columns are all read from the record's value. */
    public static final ColumnClauses NONE = new ColumnClauses(Map.of(), Map.of(), null, null);

    @JsonCreator
    public ColumnClauses(
            @JsonProperty("metadata") Map<String, String> metadata,
            @JsonProperty("generated") Map<String, String> generated,
            @JsonProperty("watermarkColumn") String watermarkColumn,
            @JsonProperty("watermarkExpression") String watermarkExpression) {
        // Insertion order is declaration order; keep it for stable plans and SHOW output.
        this.metadata =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(requireNonNull(metadata, "metadata is null")));
        this.generated =
                Collections.unmodifiableMap(
                        new LinkedHashMap<>(requireNonNull(generated, "generated is null")));
        this.watermarkColumn = watermarkColumn;
        this.watermarkExpression = watermarkExpression;
        if (watermarkColumn == null && watermarkExpression != null) {
            throw new IllegalArgumentException("a watermark expression needs its column");
        }
    }

    /** The metadata key of a column, when it is a metadata column. */
    public Optional<String> metadataKey(String column) {
        return Optional.ofNullable(metadata.get(column));
    }

    /** The expression of a generated column, as SQL text. */
    public Optional<String> generatedExpression(String column) {
        return Optional.ofNullable(generated.get(column));
    }

    /** Whether the connector does not read this column from the record's value. */
    public boolean isVirtual(String column) {
        return metadata.containsKey(column) || generated.containsKey(column);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return metadata.isEmpty() && generated.isEmpty() && watermarkColumn == null;
    }
}
