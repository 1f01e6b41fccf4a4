package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.OperatorSpec;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.spi.TableOptions;
import io.sluice.parser.SluiceParser;
import io.sluice.parser.ddl.SqlAlterPipeline;
import io.sluice.parser.ddl.SqlCreatePipeline;
import io.sluice.parser.ddl.SqlTableOption;
import io.sluice.planner.PlanOptions;
import io.sluice.planner.PlannedInsert;
import io.sluice.planner.Positions;
import io.sluice.server.catalog.StoredPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;

/**
 * Pipeline statements beyond create, start, stop and drop: ALTER PIPELINE, SHOW CREATE PIPELINE and
 * the operator graph EXPLAIN prints.
 */
final class PipelineStatements {
    private PipelineStatements() {}

    /**
     * Reads {@code parallelism} and {@code checkpoint_interval} from a pipeline's WITH or SET list,
     * starting from {@code current}.
     */
    static PlanOptions planOptions(String sql, List<SqlTableOption> options, PlanOptions current) {
        int parallelism = current.parallelism();
        Duration checkpointInterval = current.checkpointInterval();
        for (SqlTableOption option : options) {
            String value = option.valueAsString();
            int position = Positions.offset(sql, option.keyPosition());
            switch (option.key().toLowerCase(Locale.ROOT)) {
                case "parallelism":
                    try {
                        parallelism = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        parallelism = 0;
                    }
                    if (parallelism < 1) {
                        throw new SluiceException(
                                ErrorCode.INVALID_OPTION,
                                "option \"parallelism\" must be a positive integer, got \""
                                        + value
                                        + "\"",
                                position,
                                null);
                    }
                    break;
                case "checkpoint_interval":
                    checkpointInterval =
                            TableOptions.parseDuration(value)
                                    .filter(
                                            duration ->
                                                    !duration.isZero() && !duration.isNegative())
                                    .orElseThrow(
                                            () ->
                                                    new SluiceException(
                                                            ErrorCode.INVALID_OPTION,
                                                            "option \"checkpoint_interval\" must be"
                                                                    + " a duration such as 10s, got"
                                                                    + " \""
                                                                    + value
                                                                    + "\"",
                                                            position,
                                                            null));
                    break;
                default:
                    throw new SluiceException(
                            ErrorCode.INVALID_OPTION,
                            "unknown pipeline option \""
                                    + option.key()
                                    + "\""
                                    + suggestion(option.key())
                                    + "; valid options are parallelism and checkpoint_interval",
                            position,
                            null);
            }
        }
        return new PlanOptions(parallelism, checkpointInterval);
    }

    private static String suggestion(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        for (String valid : List.of("parallelism", "checkpoint_interval")) {
            if (TableOptions.editDistance(lower, valid) <= 2) {
                return " (did you mean \"" + valid + "\"?)";
            }
        }
        return "";
    }

    /**
     * Stops the pipeline, replans its stored INSERT with the new options, stores the new plan and
     * starts it again if it was running.
     *
     * <p>A Kafka source keeps its offsets per subtask, for the partitions {@code partition %
     * parallelism == subtask}, and a lake sink its in-progress files per subtask. With another
     * parallelism the same partition belongs to another subtask, whose restored state does not hold
     * its offset: records would be read twice or skipped. So the parallelism may only change while
     * the pipeline has no completed checkpoint; the checkpoint interval may always change.
     */
    static void alter(String sql, SqlAlterPipeline alter, SessionServices services) {
        String name = alter.name().getSimple();
        StoredPipeline stored = stored(services, name);
        PipelinePlan current = stored.plan();
        PlanOptions updated =
                planOptions(
                        sql,
                        alter.options(),
                        new PlanOptions(current.parallelism(), current.checkpointInterval()));
        boolean running = stored.desired() == StoredPipeline.DesiredState.RUNNING;
        if (running) {
            // Stopping takes a final checkpoint, so the check below sees the state it leaves.
            services.pipelines().stop(name);
        }
        try {
            if (updated.parallelism() != current.parallelism()
                    && !services.catalog().checkpoints(name).isEmpty()) {
                throw new SluiceException(
                        ErrorCode.FEATURE_NOT_SUPPORTED,
                        "cannot change the parallelism of pipeline \""
                                + name
                                + "\" from "
                                + current.parallelism()
                                + " to "
                                + updated.parallelism()
                                + ": its checkpoints hold Kafka offsets and open files per subtask,"
                                + " which another parallelism would not find; drop the pipeline"
                                + " and create it again with the new parallelism",
                        parallelismPosition(sql, alter),
                        null);
            }
            String query = stored.query();
            PlannedInsert planned =
                    services.planner()
                            .planInsert(query, insertOf(query), services.catalog(), name, updated);
            services.catalog().updatePipelinePlan(name, planned.plan());
        } finally {
            if (running) {
                services.pipelines().start(name);
            }
        }
    }

    private static int parallelismPosition(String sql, SqlAlterPipeline alter) {
        for (SqlTableOption option : alter.options()) {
            if (option.key().equalsIgnoreCase("parallelism")) {
                return Positions.offset(sql, option.keyPosition());
            }
        }
        return -1;
    }

    /**
     * The statement that creates the pipeline as it is now: its current options and the INSERT it
     * was created with.
     */
    static String showCreate(SessionServices services, String name) {
        StoredPipeline stored = stored(services, name);
        PipelinePlan plan = stored.plan();
        return "CREATE PIPELINE "
                + quoteIdentifier(name)
                + " WITH (parallelism = "
                + plan.parallelism()
                + ", checkpoint_interval = '"
                + formatDuration(plan.checkpointInterval())
                + "') AS "
                + insertText(stored.query());
    }

    /** The operator graph of a plan, one line per operator, as EXPLAIN prints it. */
    static List<String> operatorGraph(PipelinePlan plan) {
        List<String> lines = new ArrayList<>();
        lines.add(
                "Pipeline (parallelism "
                        + plan.parallelism()
                        + ", checkpoint every "
                        + formatDuration(plan.checkpointInterval())
                        + ")");
        for (OperatorSpec operator : plan.operators()) {
            StringBuilder line = new StringBuilder("  ").append(operator.id());
            if (!operator.inputs().isEmpty()) {
                line.append(" <- ").append(String.join(", ", operator.inputs()));
            }
            line.append(": ");
            if (operator instanceof SourceSpec source) {
                line.append(source.connector())
                        .append(" source ")
                        .append(source.table())
                        .append(' ')
                        .append(columns(source.outputSchema()));
            } else if (operator instanceof CalcSpec calc) {
                line.append("calc")
                        .append(calc.condition().isPresent() ? " filter+project " : " project ")
                        .append(columns(calc.outputSchema()));
            } else if (operator instanceof SinkSpec sink) {
                line.append(sink.connector())
                        .append(" sink ")
                        .append(sink.table())
                        .append(' ')
                        .append(columns(sink.outputSchema()));
            }
            line.append(" x").append(plan.parallelism());
            lines.add(line.toString());
        }
        return lines;
    }

    private static String columns(RowSchema schema) {
        StringJoiner joiner = new StringJoiner(", ", "[", "]");
        for (Column column : schema.columns()) {
            joiner.add(column.name() + " " + column.type().sqlName().toLowerCase(Locale.ROOT));
        }
        return joiner.toString();
    }

    static String formatDuration(Duration duration) {
        if (duration.toMillis() % 1000 != 0) {
            return duration.toMillis() + "ms";
        }
        long seconds = duration.getSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static StoredPipeline stored(SessionServices services, String name) {
        return services.catalog()
                .pipeline(name)
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.UNDEFINED_OBJECT,
                                        "pipeline \"" + name + "\" does not exist"));
    }

    /** The INSERT of a stored pipeline query, which is a CREATE PIPELINE or a bare INSERT. */
    private static SqlInsert insertOf(String query) {
        SqlNode node = SluiceParser.parseStatement(query);
        if (node instanceof SqlCreatePipeline create) {
            return create.insert();
        }
        if (node instanceof SqlInsert insert) {
            return insert;
        }
        throw new SluiceException(
                ErrorCode.INTERNAL_ERROR,
                "stored pipeline query is not an INSERT: " + node.getKind());
    }

    private static String insertText(String query) {
        SqlInsert insert = insertOf(query);
        int start = Positions.offset(query, insert.getParserPosition());
        String text = start < 0 ? query : query.substring(start);
        text = text.strip();
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return text;
    }

    private static String quoteIdentifier(String name) {
        if (name.matches("[a-z_][a-z0-9_]*")) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
