package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.runtime.PipelineMetrics;
import io.sluice.parser.ddl.SqlShow;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgType;
import io.sluice.planner.catalog.ColumnClauses;
import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.StoredPipeline;
import io.sluice.server.pipeline.PipelineManager.PipelineStatus;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import org.apache.calcite.sql.SqlIdentifier;

/** Answers SHOW statements from the catalog, the pipeline manager and the session's parameters. */
final class ShowStatements {
    private ShowStatements() {}

    static PgResult run(SqlShow show, SessionServices services, SessionParameters parameters) {
        switch (show.kind()) {
            case TABLES:
                return tables(services);
            case PIPELINES:
                return pipelines(services);
            case CONNECTION_PROFILES:
                return profiles(services);
            case CREATE_TABLE:
                return createTable(services, name(show));
            case CREATE_PIPELINE:
                String pipeline = name(show);
                return result(
                        List.of("pipeline", "create_statement"),
                        List.<Object[]>of(
                                new Object[] {
                                    pipeline, PipelineStatements.showCreate(services, pipeline)
                                }));
            case CHECKPOINTS:
                return checkpoints(services, name(show));
            case ALL:
                return all(parameters);
            case VARIABLE:
            default:
                String name = name(show);
                return single(name, parameters.get(name));
        }
    }

    private static String name(SqlShow show) {
        return show.name()
                .map(identifier -> identifier.names.get(identifier.names.size() - 1))
                .orElseThrow(
                        () -> new SluiceException(ErrorCode.SYNTAX_ERROR, "SHOW needs a name"));
    }

    private static PgResult tables(SessionServices services) {
        List<Object[]> rows = new ArrayList<>();
        for (TableDefinition table : services.catalog().tables()) {
            rows.add(
                    new Object[] {
                        table.name(),
                        table.kind().name().toLowerCase(java.util.Locale.ROOT),
                        table.connector(),
                        table.columns().map(ShowStatements::columns).orElse("(from first INSERT)")
                    });
        }
        return result(List.of("name", "type", "connector", "columns"), rows);
    }

    private static String columns(io.sluice.executor.plan.RowSchema schema) {
        StringJoiner joiner = new StringJoiner(", ");
        for (Column column : schema.columns()) {
            joiner.add(
                    column.name()
                            + " "
                            + column.type().sqlName().toLowerCase(java.util.Locale.ROOT));
        }
        return joiner.toString();
    }

    private static PgResult pipelines(SessionServices services) {
        List<Object[]> rows = new ArrayList<>();
        for (StoredPipeline pipeline : services.catalog().pipelines()) {
            Optional<PipelineStatus> status =
                    services.pipelines()
                            .status(pipeline.name())
                            .or(() -> services.pipelines().lastFailure(pipeline.name()));
            String state =
                    status.map(value -> value.state().name())
                            .orElse(
                                    pipeline.desired() == StoredPipeline.DesiredState.STOPPED
                                            ? "STOPPED"
                                            : "FAILED");
            PipelineMetrics metrics = status.map(PipelineStatus::metrics).orElse(null);
            Optional<String> error = status.flatMap(PipelineStatus::error).or(pipeline::lastError);
            rows.add(
                    new Object[] {
                        pipeline.name(),
                        state,
                        sink(pipeline),
                        metrics == null ? null : metrics.rowsRead(),
                        metrics == null ? null : metrics.rowsWritten(),
                        metrics == null ? null : metrics.badRecords(),
                        metrics == null || metrics.lastCompletedEpoch().isEmpty()
                                ? null
                                : metrics.lastCompletedEpoch().getAsLong(),
                        error.orElse(null),
                        pipeline.query()
                    });
        }
        return PgResult.rows(
                List.of(
                        new PgColumn("name", PgType.TEXT),
                        new PgColumn("state", PgType.TEXT),
                        new PgColumn("sink", PgType.TEXT),
                        new PgColumn("rows_read", PgType.INT8),
                        new PgColumn("rows_written", PgType.INT8),
                        new PgColumn("bad_records", PgType.INT8),
                        new PgColumn("last_checkpoint", PgType.INT8),
                        new PgColumn("error", PgType.TEXT),
                        new PgColumn("query", PgType.TEXT)),
                rows.iterator());
    }

    private static String sink(StoredPipeline pipeline) {
        for (OperatorSpec operator : pipeline.plan().operators()) {
            if (operator instanceof SinkSpec sink) {
                return sink.table();
            }
        }
        return null;
    }

    private static PgResult profiles(SessionServices services) {
        List<Object[]> rows = new ArrayList<>();
        for (ConnectionProfile profile : services.catalog().profiles()) {
            StringJoiner options = new StringJoiner(", ");
            for (Map.Entry<String, String> option : new TreeMap<>(profile.options()).entrySet()) {
                String value =
                        Redactor.looksSensitive(option.getKey()) ? "********" : option.getValue();
                options.add(option.getKey() + " = '" + value + "'");
            }
            rows.add(new Object[] {profile.name(), options.toString()});
        }
        return result(List.of("name", "options"), rows);
    }

    private static PgResult createTable(SessionServices services, String name) {
        String sql =
                services.catalog()
                        .tableCreateSql(name)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "relation \"" + name + "\" does not exist"));
        return result(
                List.of("table", "create_statement"), List.<Object[]>of(new Object[] {name, sql}));
    }

    private static PgResult checkpoints(SessionServices services, String pipeline) {
        if (services.catalog().pipeline(pipeline).isEmpty()) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT, "pipeline \"" + pipeline + "\" does not exist");
        }
        List<Object[]> rows = new ArrayList<>();
        for (CatalogStore.CheckpointInfo checkpoint : services.catalog().checkpoints(pipeline)) {
            rows.add(
                    new Object[] {
                        checkpoint.epoch(),
                        checkpoint.completedAt().atOffset(ZoneOffset.UTC),
                        checkpoint.stateBytes()
                    });
        }
        return PgResult.rows(
                List.of(
                        new PgColumn("epoch", PgType.INT8),
                        new PgColumn("completed_at", PgType.TIMESTAMPTZ),
                        new PgColumn("state_bytes", PgType.INT8)),
                rows.iterator());
    }

    /**
     * {@code DESCRIBE t}: one row per column with its type, whether it may be null and whether it
     * is part of the primary key.
     */
    static PgResult describe(SessionServices services, SqlIdentifier identifier) {
        String name = identifier.names.get(identifier.names.size() - 1);
        TableDefinition table =
                services.catalog()
                        .table(name)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_TABLE,
                                                "relation \"" + name + "\" does not exist"));
        List<Object[]> rows = new ArrayList<>();
        for (Column column : table.columns().map(RowSchema::columns).orElse(List.of())) {
            rows.add(
                    new Object[] {
                        column.name(),
                        column.type().sqlName().toLowerCase(Locale.ROOT),
                        column.type().nullable(),
                        table.primaryKey().contains(column.name()),
                        extra(table, column.name())
                    });
        }
        return PgResult.rows(
                List.of(
                        new PgColumn("column_name", PgType.TEXT),
                        new PgColumn("data_type", PgType.TEXT),
                        new PgColumn("nullable", PgType.BOOL),
                        new PgColumn("primary_key", PgType.BOOL),
                        new PgColumn("extra", PgType.TEXT)),
                rows.iterator());
    }

    private static String extra(TableDefinition table, String column) {
        List<String> parts = new ArrayList<>();
        ColumnClauses clauses = table.clauses();
        clauses.metadataKey(column).ifPresent(key -> parts.add("METADATA FROM '" + key + "'"));
        clauses.generatedExpression(column)
                .ifPresent(expression -> parts.add("GENERATED ALWAYS AS (" + expression + ")"));
        if (column.equals(clauses.watermarkColumn())) {
            parts.add(
                    clauses.watermarkExpression() == null
                            ? "WATERMARK"
                            : "WATERMARK AS " + clauses.watermarkExpression());
        }
        return parts.isEmpty() ? null : String.join(", ", parts);
    }

    private static PgResult all(SessionParameters parameters) {
        List<Object[]> rows = new ArrayList<>();
        new TreeMap<>(parameters.all())
                .forEach((key, value) -> rows.add(new Object[] {key, value}));
        return result(List.of("name", "setting"), rows);
    }

    private static PgResult single(String name, String value) {
        return result(List.of(name), List.<Object[]>of(new Object[] {value}));
    }

    private static PgResult result(List<String> names, List<Object[]> rows) {
        List<PgColumn> columns = new ArrayList<>();
        for (String name : names) {
            columns.add(new PgColumn(name, PgType.TEXT));
        }
        return PgResult.rows(columns, rows.iterator());
    }
}
