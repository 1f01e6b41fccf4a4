package io.sluice.executor.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.Expr;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.expr.Literal;
import io.sluice.executor.expr.Operator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestPlanCodec {
    @Test
    void roundTripsEveryNodeAndExpressionKind() {
        List<Column> columns = new ArrayList<>();
        for (TypeKind kind : TypeKind.values()) {
            SqlType type = kind == TypeKind.DECIMAL ? SqlType.decimal(10, 2) : SqlType.of(kind);
            columns.add(
                    new Column(
                            "c_" + kind.name().toLowerCase(java.util.Locale.ROOT),
                            type.withNullable(kind != TypeKind.BIGINT)));
        }
        RowSchema source = new RowSchema(columns);
        List<Expr> projections = new ArrayList<>();
        for (Operator operator : Operator.values()) {
            projections.add(
                    new Call(
                            operator,
                            List.of(
                                    new InputRef(7, SqlType.of(TypeKind.TEXT)),
                                    new Literal("k", SqlType.of(TypeKind.TEXT))),
                            SqlType.of(TypeKind.TEXT)));
        }
        projections.add(new Literal(null, SqlType.of(TypeKind.TIMESTAMPTZ)));
        List<Column> outputColumns = new ArrayList<>();
        for (int i = 0; i < projections.size(); i++) {
            outputColumns.add(new Column("o" + i, projections.get(i).type()));
        }
        RowSchema output = new RowSchema(outputColumns);
        Expr condition =
                new Call(
                        Operator.AND,
                        List.of(
                                new Call(
                                        Operator.IS_NOT_NULL,
                                        List.of(new InputRef(0, SqlType.of(TypeKind.BOOLEAN))),
                                        SqlType.of(TypeKind.BOOLEAN)),
                                new Literal("true", SqlType.of(TypeKind.BOOLEAN))),
                        SqlType.of(TypeKind.BOOLEAN));
        PipelinePlan plan =
                PipelinePlan.of(
                        "events_to_lake",
                        2,
                        Duration.ofSeconds(10),
                        List.of(
                                new SourceSpec(
                                        "source",
                                        "events",
                                        "kafka",
                                        Map.of("topic", "events", "password", "{{ PW }}"),
                                        source),
                                new CalcSpec(
                                        "calc",
                                        List.of("source"),
                                        Optional.of(condition),
                                        projections,
                                        output),
                                new CalcSpec(
                                        "calc2",
                                        List.of("calc"),
                                        Optional.empty(),
                                        List.of(new InputRef(0, SqlType.of(TypeKind.TEXT))),
                                        new RowSchema(
                                                List.of(
                                                        new Column(
                                                                "o0", SqlType.of(TypeKind.TEXT))))),
                                new SinkSpec(
                                        "sink",
                                        List.of("calc2"),
                                        "lake",
                                        "delta",
                                        Map.of("path", "s3://b/t"),
                                        new RowSchema(
                                                List.of(
                                                        new Column(
                                                                "o0",
                                                                SqlType.of(TypeKind.TEXT)))))));

        String json = PlanCodec.toJson(plan);
        PipelinePlan read = PlanCodec.fromJson(json);

        assertThat(read).isEqualTo(plan);
        assertThat(PlanCodec.toJson(read)).isEqualTo(json);
        assertThat(json)
                .contains(
                        "\"operator\" : \"calc\"",
                        "\"expr\" : \"call\"",
                        "\"expr\" : \"literal\"",
                        "\"expr\" : \"input\"",
                        "PT10S");
    }

    @Test
    void refusesNewerPlans() {
        PipelinePlan plan =
                new PipelinePlan(
                        PipelinePlan.CURRENT_VERSION + 1, "p", 1, Duration.ofSeconds(1), List.of());
        String json = PlanCodec.toJson(plan);

        assertThatThrownBy(() -> PlanCodec.fromJson(json))
                .isInstanceOf(SluiceException.class)
                .extracting(e -> ((SluiceException) e).errorCode())
                .isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
    }
}
