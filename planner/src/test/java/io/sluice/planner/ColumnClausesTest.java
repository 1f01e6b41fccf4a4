package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.expr.Call;
import io.sluice.executor.expr.InputRef;
import io.sluice.executor.plan.CalcSpec;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.SourceSpec;
import io.sluice.planner.catalog.ColumnClauses;
import io.sluice.planner.catalog.TableDefinition;
import org.junit.jupiter.api.Test;

class ColumnClausesTest {
    private static final String EVENTS =
            "create table events (id TEXT, properties JSON,"
                    + " kafka_offset BIGINT METADATA FROM 'offset_id',"
                    + " kafka_partition INT METADATA FROM 'partition',"
                    + " signup TEXT GENERATED ALWAYS AS (properties->>'signup_method'),"
                    + " ts TIMESTAMP METADATA FROM 'timestamp',"
                    + " WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)"
                    + " with (connector = 'kafka', bootstrap_servers = 'b:1', topic = 't',"
                    + " type = 'source');\n"
                    + "create table s with (connector = 'delta', path = '/y');\n";

    @Test
    void clausesAreRecordedOnTheTable() {
        PlannerHarness harness = new PlannerHarness();
        harness.run(EVENTS);
        TableDefinition events = harness.catalog().table("events").orElseThrow();
        ColumnClauses clauses = events.clauses();
        assertThat(clauses.metadata())
                .containsExactly(
                        java.util.Map.entry("kafka_offset", "offset_id"),
                        java.util.Map.entry("kafka_partition", "partition"),
                        java.util.Map.entry("ts", "timestamp"));
        assertThat(clauses.generated()).containsEntry("signup", "properties ->> 'signup_method'");
        assertThat(clauses.watermarkColumn()).isEqualTo("ts");
        assertThat(clauses.watermarkExpression()).isEqualTo("ts - INTERVAL '5' SECOND");
        assertThat(events.columns().orElseThrow().columns())
                .extracting(Column::name)
                .containsExactly(
                        "id", "properties", "kafka_offset", "kafka_partition", "signup", "ts");
    }

    @Test
    void generatedColumnsAreComputedInTheCalcAndMetadataGoesToTheSource() {
        PlannerHarness harness = new PlannerHarness();
        PlannedInsert planned =
                harness.run(
                                EVENTS
                                        + "insert into s select id, kafka_offset, upper(signup) as"
                                        + " signup_upper from events where signup is not null")
                        .get(0);
        SourceSpec source = (SourceSpec) planned.plan().operators().get(0);
        // The generated column is not read; the metadata columns are, filled by the connector.
        assertThat(source.outputSchema().columns())
                .extracting(Column::name)
                .containsExactly("id", "properties", "kafka_offset", "kafka_partition", "ts");
        assertThat(source.options())
                .containsEntry(
                        PipelinePlanner.METADATA_COLUMNS_OPTION,
                        "kafka_offset=offset_id,kafka_partition=partition,ts=timestamp");
        CalcSpec calc = (CalcSpec) planned.plan().operators().get(1);
        // upper(signup) became upper(properties ->> 'signup_method') over the read columns.
        Call upper = (Call) calc.projections().get(2);
        Call jsonGet = (Call) upper.operands().get(0);
        assertThat(jsonGet.operands().get(0))
                .isEqualTo(new InputRef(1, source.outputSchema().column(1).type()));
        assertThat(calc.condition()).isPresent();
    }

    @Test
    void caseBecomesOneCaseCall() {
        PlannerHarness harness = new PlannerHarness();
        PlannedInsert planned =
                harness.run(
                                EVENTS
                                        + "insert into s select case when kafka_offset > 0 then"
                                        + " signup when id is null then 'none' else id end as x"
                                        + " from events")
                        .get(0);
        CalcSpec calc = (CalcSpec) planned.plan().operators().get(1);
        Call caseCall = (Call) calc.projections().get(0);
        assertThat(caseCall.operator()).isEqualTo(io.sluice.executor.expr.Operator.CASE);
        assertThat(caseCall.operands()).hasSize(5);
    }

    @Test
    void generatedColumnMayNotUseAnotherGeneratedColumn() {
        PlannerHarness harness = new PlannerHarness();
        String sql =
                "create table g (a BIGINT, b BIGINT GENERATED ALWAYS AS (a + 1),"
                        + " c BIGINT GENERATED ALWAYS AS (b * 2)) with (connector = 'kafka',"
                        + " bootstrap_servers = 'b:1', topic = 't', type = 'source')";
        assertThatThrownBy(() -> harness.run(sql))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_COLUMN);
                            assertThat(e.getMessage())
                                    .contains("generated column \"c\"")
                                    .contains("column \"b\" does not exist");
                            assertThat(e.position()).hasValue(sql.indexOf("b * 2"));
                        });
    }
}
