package io.sluice.planner.catalog;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table as the catalog stores it.
 *
 * @param name the table name, as folded by the parser
 * @param connector the connector that reads or writes it, e.g. {@code kafka}
 * @param kind whether pipelines read it, write it, or it is only queried
 * @param columns the columns; empty for a sink declared without columns until its first INSERT
 *     fixes them
 * @param primaryKey primary key column names in key order; empty when there is none
 * @param options the connector options with aliases resolved and the connection profile merged in
 * @param clauses metadata, generated and watermark clauses of the columns
 */
public record TableDefinition(
        String name,
        String connector,
        TableKind kind,
        Optional<RowSchema> columns,
        List<String> primaryKey,
        Map<String, String> options,
        ColumnClauses clauses) {
    public TableDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(connector, "connector is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(columns, "columns is null");
        primaryKey = List.copyOf(primaryKey);
        // Sorted so that plans and SHOW output list options in a stable order.
        options = Collections.unmodifiableMap(new TreeMap<>(options));
        requireNonNull(clauses, "clauses is null");
    }

    /** A table whose columns are all read from the record's value. */
    public TableDefinition(
            String name,
            String connector,
            TableKind kind,
            Optional<RowSchema> columns,
            List<String> primaryKey,
            Map<String, String> options) {
        this(name, connector, kind, columns, primaryKey, options, ColumnClauses.NONE);
    }

    /** This table with its columns fixed, as after the first INSERT into a column-less sink. */
    public TableDefinition withColumns(RowSchema schema) {
        return new TableDefinition(
                name, connector, kind, Optional.of(schema), primaryKey, options, clauses);
    }
}
