package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.parser.SluiceParser;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.catalog.TableKind;
import io.sluice.planner.type.SluiceTypeFactory;
import io.sluice.planner.type.TypeMapping;
import org.apache.calcite.rel.type.RelDataType;
import org.junit.jupiter.api.Test;

class DdlAndLakeQueryTest {
    private static final String SCRIPT =
            "create connection profile \"p\" with (type = 'kafka', bootstrap_servers = 'b:1',"
                + " 'sasl.password' = 'hunter2');\n"
                + "create table events (value JSON) with (connector = 'kafka', connection_profile ="
                + " 'p', topic = 't', 'json.unstructured' = true, type = 'source');\n"
                + "create table lake1 (a INT8, b NUMERIC(10,2), c TIMESTAMP WITH TIME ZONE) with"
                + " (connector = 'delta', path = '/x');\n";

    @Test
    void profileMergedAndRolesInferred() {
        PlannerHarness harness = new PlannerHarness();
        harness.run(
                SCRIPT
                        + "create table s with (connector = 'delta', path = '/y');\n"
                        + "insert into s select value from events");
        TableDefinition events = harness.catalog().table("events").orElseThrow();
        assertThat(events.kind()).isEqualTo(TableKind.SOURCE);
        assertThat(events.options())
                .containsEntry("bootstrap_servers", "b:1")
                .containsEntry("topic", "t")
                .doesNotContainKeys("connector", "type", "connection_profile");
        assertThat(events.columns().orElseThrow().columns())
                .containsExactly(new Column("value", SqlType.of(TypeKind.JSON)));
        TableDefinition lake = harness.catalog().table("lake1").orElseThrow();
        assertThat(lake.kind()).isEqualTo(TableKind.SINK);
        assertThat(lake.columns().orElseThrow().columns())
                .extracting(column -> column.type())
                .containsExactly(
                        SqlType.of(TypeKind.BIGINT),
                        SqlType.decimal(10, 2),
                        SqlType.of(TypeKind.TIMESTAMPTZ));
    }

    @Test
    void kafkaNeedsType() {
        String sql =
                "create table k (a TEXT) with (connector = 'kafka', bootstrap_servers = 'b', topic"
                        + " = 't')";
        assertThatThrownBy(() -> new PlannerHarness().run(sql))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_OPTION);
                            assertThat(e.position()).hasValue(sql.indexOf("k ("));
                        })
                .hasMessageContaining("needs the option \"type\"");
    }

    @Test
    void unknownProfileIsReportedAtItsValue() {
        String sql =
                "create table k (a TEXT) with (connector = 'kafka', connection_profile = 'nope',"
                        + " topic = 't', type = 'source')";
        assertThatThrownBy(() -> new PlannerHarness().run(sql))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_OBJECT);
                            assertThat(e.position()).hasValue(sql.indexOf("'nope'"));
                        })
                .hasMessage("connection profile \"nope\" does not exist");
    }

    @Test
    void typeNames() {
        assertThat(TypeMapping.fromTypeName("double precision", -1, -1))
                .isEqualTo(SqlType.of(TypeKind.DOUBLE));
        assertThat(TypeMapping.fromTypeName("int2", -1, -1))
                .isEqualTo(SqlType.of(TypeKind.SMALLINT));
        assertThat(TypeMapping.fromTypeName("jsonb", -1, -1)).isEqualTo(SqlType.of(TypeKind.JSON));
        assertThat(TypeMapping.fromTypeName("timestamptz", -1, -1))
                .isEqualTo(SqlType.of(TypeKind.TIMESTAMPTZ));
        assertThat(TypeMapping.fromTypeName("NUMERIC", 12, -1)).isEqualTo(SqlType.decimal(12, 0));
        assertThatThrownBy(() -> TypeMapping.fromTypeName("foo", -1, -1))
                .hasMessage("type \"foo\" does not exist");
    }

    @Test
    void calciteTypesRoundTripAndKeepJsonApart() {
        SluiceTypeFactory factory = new SluiceTypeFactory();
        for (TypeKind kind : TypeKind.values()) {
            SqlType type = kind == TypeKind.DECIMAL ? SqlType.decimal(20, 4) : SqlType.of(kind);
            RelDataType relType = TypeMapping.toRelDataType(type, factory);
            assertThat(TypeMapping.fromRelDataType(relType)).as(kind.name()).isEqualTo(type);
            assertThat(
                            TypeMapping.fromRelDataType(
                                    TypeMapping.toRelDataType(type.withNullable(false), factory)))
                    .isEqualTo(type.withNullable(false));
        }
        assertThat(TypeMapping.toRelDataType(SqlType.of(TypeKind.JSON), factory))
                .isNotEqualTo(TypeMapping.toRelDataType(SqlType.of(TypeKind.TEXT), factory));
    }

    @Test
    void lakeQueryTables() {
        PlannerHarness harness = new PlannerHarness();
        harness.run(SCRIPT);
        String sql =
                "with recent as (select * from lake1) select * from recent r join lake1 l on r.a ="
                        + " l.a where l.a in (select a from pg_catalog.pg_class)";
        LakeQueryTables tables =
                LakeQueryAnalyzer.checkLakeQuery(
                        sql, SluiceParser.parseStatement(sql), harness.catalog());
        assertThat(tables.lakeTables()).containsExactly("lake1");
        assertThat(tables.sourceTables()).isEmpty();
        assertThat(tables.otherTables()).containsExactly("pg_catalog.pg_class");

        String streaming = "select count(*) from (select * from events) e";
        assertThatThrownBy(
                        () ->
                                LakeQueryAnalyzer.checkLakeQuery(
                                        streaming,
                                        SluiceParser.parseStatement(streaming),
                                        harness.catalog()))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
                            assertThat(e.position()).hasValue(streaming.indexOf("events"));
                        })
                .hasMessage(
                        "streaming SELECT over source table events is not supported yet; INSERT"
                                + " INTO a sink");

        String unknown = "select * from lake1 join nowhere n on true";
        assertThatThrownBy(
                        () ->
                                LakeQueryAnalyzer.checkLakeQuery(
                                        unknown,
                                        SluiceParser.parseStatement(unknown),
                                        harness.catalog()))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_TABLE);
                            assertThat(e.position()).hasValue(unknown.indexOf("nowhere"));
                        })
                .hasMessage("relation \"nowhere\" does not exist");
    }
}
