package io.sluice.benchmarks.sluice;

import io.sluice.benchmarks.SinkKind;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.PipelinePlan;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SinkSpec;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan of the article's pipeline, built directly rather than through the planner so that the
 * benchmark measures the runtime alone:
 *
 * <pre>{@code
 * INSERT INTO account_created_sink
 * SELECT id, timestamp, ip, user_id, platform, app_version,
 *        properties->>'signup_method', properties->>'campaign_id', properties->>'product'
 * FROM events WHERE type = 'account_created'
 * }</pre>
 */
public final class ArticlePipeline {
    private static final SqlType TEXT = SqlType.of(TypeKind.TEXT);
    private static final SqlType BOOLEAN = SqlType.of(TypeKind.BOOLEAN);

    /** The source table's columns, in the order of the article's DDL. */
    public static final RowSchema EVENTS =
            new RowSchema(
                    List.of(
                            new Column("id", TEXT),
                            new Column("timestamp", SqlType.of(TypeKind.TIMESTAMPTZ)),
                            new Column("ip", TEXT),
                            new Column("user_id", TEXT),
                            new Column("platform", TEXT),
                            new Column("app_version", TEXT),
                            new Column("type", TEXT),
                            new Column("properties", SqlType.of(TypeKind.JSON))));

    private static final int TYPE = 6;
    private static final int PROPERTIES = 7;
    private static final List<String> PROPERTY_COLUMNS =
            List.of("signup_method", "campaign_id", "product");

    private ArticlePipeline() {}

    /** The filter and projection of the query, over {@link #EVENTS}. */
    public static CalcSpec calc(String id, List<String> inputs) {
        Expr condition =
                new Call(
                        Operator.EQUALS,
                        List.of(new InputRef(TYPE, TEXT), new Literal("account_created", TEXT)),
                        BOOLEAN);
        List<Expr> projections = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < TYPE; i++) {
            Column column = EVENTS.column(i);
            projections.add(new InputRef(i, column.type()));
            columns.add(column);
        }
        for (String property : PROPERTY_COLUMNS) {
            projections.add(
                    new Call(
                            Operator.JSON_GET_TEXT,
                            List.of(
                                    new InputRef(PROPERTIES, EVENTS.column(PROPERTIES).type()),
                                    new Literal(property, TEXT)),
                            TEXT));
            columns.add(new Column(property, TEXT));
        }
        return new CalcSpec(
                id, inputs, Optional.of(condition), projections, new RowSchema(columns));
    }

    /** The whole pipeline, reading {@code topic} from its first offset. */
    public static PipelinePlan plan(
            String bootstrapServers,
            String topic,
            SinkKind sink,
            Path output,
            int parallelism,
            Duration checkpointInterval) {
        SourceSpec source =
                new SourceSpec(
                        "source",
                        "events",
                        "kafka",
                        Map.of(
                                "bootstrap_servers",
                                bootstrapServers,
                                "topic",
                                topic,
                                "format",
                                "json",
                                "source.offset",
                                "earliest",
                                "group_id",
                                "sluice-bench-" + System.nanoTime()),
                        EVENTS);
        CalcSpec calc = calc("calc", List.of("source"));
        SinkSpec sinkSpec =
                switch (sink) {
                    case BLACKHOLE ->
                            new SinkSpec(
                                    "sink",
                                    List.of("calc"),
                                    "account_created_sink",
                                    DiscardConnectorFactory.NAME,
                                    Map.of(),
                                    calc.outputSchema());
                    case PARQUET ->
                            new SinkSpec(
                                    "sink",
                                    List.of("calc"),
                                    "account_created_sink",
                                    "filesystem",
                                    Map.of(
                                            "path", output.toUri().toString(),
                                            "format", "parquet",
                                            "parquet.compression", "zstd",
                                            // Finish every open file at every checkpoint, as
                                            // Flink's bulk formats do, so that the final
                                            // checkpoint taken on stop commits the last rows.
                                            "rolling_policy.interval", "1ms"),
                                    calc.outputSchema());
                };
        return PipelinePlan.of(
                "bench-" + sink.label(),
                parallelism,
                checkpointInterval,
                List.of(source, calc, sinkSpec));
    }
}
