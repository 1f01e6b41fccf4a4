package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.parser.ddl.SqlAlterPipeline;
import io.sluice.parser.ddl.SqlAlterUser;
import io.sluice.parser.ddl.SqlColumn;
import io.sluice.parser.ddl.SqlCreateConnectionProfile;
import io.sluice.parser.ddl.SqlCreatePipeline;
import io.sluice.parser.ddl.SqlCreateSluiceTable;
import io.sluice.parser.ddl.SqlCreateUser;
import io.sluice.parser.ddl.SqlDropConnectionProfile;
import io.sluice.parser.ddl.SqlDropUser;
import io.sluice.parser.ddl.SqlExplainStatement;
import io.sluice.parser.ddl.SqlPipelineCommand;
import io.sluice.parser.ddl.SqlShow;
import io.sluice.parser.ddl.SqlTableOption;
import io.sluice.parser.ddl.SqlWatermark;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLambda;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.ddl.SqlDropTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

class SluiceParserTest {
    @Test
    void createTableWithColumnsKeyAndOptions() {
        String sql =
                "CREATE TABLE IF NOT EXISTS Events (id TEXT PRIMARY KEY, ts TIMESTAMPTZ NOT NULL,"
                        + " n INT NULL, payload JSON) WITH (connector = 'kafka', partitions = 3)";
        SqlCreateSluiceTable table = parse(sql, SqlCreateSluiceTable.class);

        assertThat(table.ifNotExists()).isTrue();
        assertThat(table.name().getSimple()).isEqualTo("events");
        assertThat(table.columns())
                .extracting(SqlColumn::notNull)
                .containsExactly(false, true, false, false);
        assertThat(table.columns().get(0).type().getTypeNameSpec())
                .isInstanceOf(SqlUserDefinedTypeNameSpec.class);
        assertThat(table.columns().get(1).type().getTypeName().getSimple())
                .isEqualTo("timestamptz");
        assertThat(table.columns().get(2).type().getTypeName().getSimple()).isEqualTo("INTEGER");
        assertThat(table.columns().get(3).type().getTypeName().getSimple()).isEqualTo("json");
        assertThat(table.columns().get(1).position().getColumnNum())
                .isEqualTo(sql.indexOf(" ts ") + 2);
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.options())
                .extracting(SqlTableOption::valueAsString)
                .containsExactly("kafka", "3");
        assertThat(table.getOperandList()).hasSize(5);
        assertThat(table.watermark()).isEmpty();
    }

    @Test
    void columnClausesMetadataGeneratedAndWatermark() {
        SqlCreateSluiceTable table =
                parse(
                        "CREATE TABLE t (o BIGINT METADATA FROM 'offset_id', p JSON,"
                                + " m TEXT GENERATED ALWAYS AS (lower(p->>'m')), ts TIMESTAMP,"
                                + " WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)"
                                + " WITH (connector = 'kafka')",
                        SqlCreateSluiceTable.class);

        assertThat(table.columns())
                .extracting(column -> column.name().getSimple())
                .containsExactly("o", "p", "m", "ts");
        assertThat(table.columns().get(0).metadataKey()).contains("offset_id");
        assertThat(table.columns().get(0).generated()).isEmpty();
        assertThat(table.columns().get(2).metadataKey()).isEmpty();
        assertThat(table.columns().get(2).generated().map(SqlNode::toString))
                .contains("LOWER(`p` ->> 'm')");
        assertThat(table.watermark().map(watermark -> watermark.column().getSimple()))
                .contains("ts");
        assertThat(table.watermark().flatMap(SqlWatermark::expression)).isPresent();
    }

    @Test
    void usersKeepTheirPasswordOnlyInTheNode() {
        SqlCreateUser create =
                parse("CREATE USER alice WITH PASSWORD 'pa''ss'", SqlCreateUser.class);
        assertThat(create.name().getSimple()).isEqualTo("alice");
        assertThat(create.password()).isEqualTo("pa'ss");

        SqlAlterUser alter = parse("ALTER USER \"Bob\" PASSWORD 'x'", SqlAlterUser.class);
        assertThat(alter.name().getSimple()).isEqualTo("Bob");
        assertThat(alter.password()).isEqualTo("x");

        SqlDropUser drop = parse("DROP USER IF EXISTS alice", SqlDropUser.class);
        assertThat(drop.ifExists()).isTrue();
    }

    @Test
    void optionValuesTakeIntervalsArraysNumbersAndBooleans() {
        SqlCreateSluiceTable table =
                parse(
                        "CREATE TABLE s WITH (a = INTERVAL '10' SECOND, b = INTERVAL '0.25' SECOND,"
                                + " c = ARRAY['x', 'y'], d = 128, e = true, f = '{{ TOPIC }}')",
                        SqlCreateSluiceTable.class);
        assertThat(table.options())
                .extracting(SqlTableOption::valueAsString)
                .containsExactly("10s", "250ms", "x,y", "128", "true", "{{ TOPIC }}");
    }

    @Test
    void alterPipelineAndExplain() {
        SqlAlterPipeline alter =
                parse(
                        "ALTER PIPELINE p SET (parallelism = 4, checkpoint_interval = '5s')",
                        SqlAlterPipeline.class);
        assertThat(alter.name().getSimple()).isEqualTo("p");
        assertThat(alter.options())
                .extracting(SqlTableOption::key)
                .containsExactly("parallelism", "checkpoint_interval");

        SqlExplainStatement explain =
                parse("EXPLAIN PLAN FOR INSERT INTO s SELECT 1", SqlExplainStatement.class);
        assertThat(explain.getExplicandum()).isInstanceOf(SqlInsert.class);
        assertThat(parse("explain select 1", SqlExplainStatement.class).getExplicandum().getKind())
                .isEqualTo(SqlKind.SELECT);
    }

    @Test
    void tableLevelPrimaryKeyAndNoOptions() {
        SqlCreateSluiceTable table =
                parse(
                        "create table t (a text, b bigint, primary key (a, b))",
                        SqlCreateSluiceTable.class);

        assertThat(table.ifNotExists()).isFalse();
        assertThat(table.primaryKey()).containsExactly("a", "b");
        assertThat(table.options()).isEmpty();
    }

    @Test
    void tableWithoutColumnList() {
        SqlCreateSluiceTable table =
                parse("create table sink with (format = 'parquet')", SqlCreateSluiceTable.class);

        assertThat(table.hasColumnList()).isFalse();
        assertThat(table.columns()).isEmpty();
        assertThat(table.primaryKey()).isEmpty();
    }

    @Test
    void optionKeysAndValuesInEverySpelling() {
        SqlCreateSluiceTable table =
                parse(
                        "create table t with ('json.unstructured' = true, a.b.c = 'x', Mode ="
                                + " Append, n = -2.5, off = false, s = 'it''s')",
                        SqlCreateSluiceTable.class);

        assertThat(table.options())
                .extracting(SqlTableOption::key)
                .containsExactly("json.unstructured", "a.b.c", "mode", "n", "off", "s");
        assertThat(table.options())
                .extracting(SqlTableOption::valueAsString)
                .containsExactly("true", "x", "append", "-2.5", "false", "it's");
        assertThat(table.options().get(0).value()).isInstanceOf(SqlLiteral.class);
        assertThat(table.options().get(2).value()).isInstanceOf(SqlIdentifier.class);
        assertThat(table.options().get(1).keyPosition().getColumnNum()).isEqualTo(50);
    }

    @Test
    void createTableUnparsesToEquivalentSql() {
        String sql =
                "create table if not exists \"Mixed\" (id text primary key, \"timestamp\" timestamp"
                    + " not null, v varchar(10), d decimal(10, 2)) with ('a.b' = 1, c = 'd', e ="
                    + " true)";
        SqlNode table = SluiceParser.parseStatement(sql);

        String unparsed = SluiceParser.unparse(table);

        assertThat(unparsed)
                .isEqualTo(
                        "CREATE TABLE IF NOT EXISTS \"Mixed\" (id text, timestamp TIMESTAMP NOT"
                                + " NULL, v VARCHAR(10), d DECIMAL(10, 2), PRIMARY KEY (id)) WITH"
                                + " ('a.b' = 1, c = 'd', e = TRUE)");
        assertThat(SluiceParser.parseStatement(unparsed).equalsDeep(table, Litmus.THROW)).isTrue();
    }

    @Test
    void connectionProfileWithQuotedOrPlainName() {
        SqlCreateConnectionProfile quoted =
                parse(
                        "create connection profile \"analytics-redpanda\" with (type = 'kafka',"
                                + " 'sasl.mechanism' = 'PLAIN')",
                        SqlCreateConnectionProfile.class);
        SqlCreateConnectionProfile plain =
                parse(
                        "CREATE CONNECTION PROFILE IF NOT EXISTS Lake WITH (type = 'kafka')",
                        SqlCreateConnectionProfile.class);

        assertThat(quoted.name().getSimple()).isEqualTo("analytics-redpanda");
        assertThat(quoted.ifNotExists()).isFalse();
        assertThat(quoted.options())
                .extracting(SqlTableOption::key)
                .containsExactly("type", "sasl.mechanism");
        assertThat(plain.name().getSimple()).isEqualTo("lake");
        assertThat(plain.ifNotExists()).isTrue();
    }

    @Test
    void dropStatements() {
        SqlDropTable table = parse("drop table if exists events", SqlDropTable.class);
        SqlDropConnectionProfile profile =
                parse(
                        "drop connection profile \"analytics-redpanda\"",
                        SqlDropConnectionProfile.class);

        assertThat(table.ifExists).isTrue();
        assertThat(table.name.getSimple()).isEqualTo("events");
        assertThat(profile.ifExists()).isFalse();
        assertThat(profile.name().getSimple()).isEqualTo("analytics-redpanda");
    }

    @Test
    void pipelines() {
        SqlCreatePipeline create =
                parse(
                        "create pipeline signups with (parallelism = 2) as insert into sink select"
                                + " id from events",
                        SqlCreatePipeline.class);
        SqlPipelineCommand stop = parse("STOP PIPELINE signups", SqlPipelineCommand.class);
        SqlPipelineCommand start = parse("start pipeline signups", SqlPipelineCommand.class);
        SqlPipelineCommand drop =
                parse("drop pipeline if exists signups", SqlPipelineCommand.class);

        assertThat(create.name().getSimple()).isEqualTo("signups");
        assertThat(create.options()).extracting(SqlTableOption::key).containsExactly("parallelism");
        assertThat(create.insert().getTargetTable().toString()).isEqualTo("sink");
        assertThat(stop.action()).isEqualTo(SqlPipelineCommand.Action.STOP);
        assertThat(start.action()).isEqualTo(SqlPipelineCommand.Action.START);
        assertThat(drop.action()).isEqualTo(SqlPipelineCommand.Action.DROP);
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.name().getSimple()).isEqualTo("signups");
    }

    @Test
    void showStatements() {
        assertThat(parse("show tables", SqlShow.class).kind()).isEqualTo(SqlShow.Kind.TABLES);
        assertThat(parse("SHOW PIPELINES", SqlShow.class).kind()).isEqualTo(SqlShow.Kind.PIPELINES);
        assertThat(parse("show connection profiles", SqlShow.class).kind())
                .isEqualTo(SqlShow.Kind.CONNECTION_PROFILES);
        assertThat(parse("show all", SqlShow.class).kind()).isEqualTo(SqlShow.Kind.ALL);
        assertThat(parse("show all", SqlShow.class).name()).isEmpty();

        SqlShow create = parse("show create table Events", SqlShow.class);
        assertThat(create.kind()).isEqualTo(SqlShow.Kind.CREATE_TABLE);
        assertThat(create.name().orElseThrow().getSimple()).isEqualTo("events");

        for (String variable : List.of("search_path", "server_version", "transaction_isolation")) {
            SqlShow show = parse("SHOW " + variable, SqlShow.class);
            assertThat(show.kind()).isEqualTo(SqlShow.Kind.VARIABLE);
            assertThat(show.name().orElseThrow().getSimple()).isEqualTo(variable);
        }
    }

    @Test
    void jsonOperatorsAreLeftAssociativeAndBindTighterThanComparison() {
        SqlSelect select = parse("select p->'a'->>'b' from t where p->>'k' = 'v'", SqlSelect.class);

        SqlCall outer = (SqlCall) select.getSelectList().get(0);
        assertThat(outer.getOperator()).isSameAs(SluiceOperators.JSON_GET_TEXT);
        assertThat(((SqlCall) outer.operand(0)).getOperator()).isSameAs(SluiceOperators.JSON_GET);
        SqlCall where = (SqlCall) select.getWhere();
        assertThat(where.getOperator()).isSameAs(SqlStdOperatorTable.EQUALS);
        assertThat(((SqlCall) where.operand(0)).getOperator())
                .isSameAs(SluiceOperators.JSON_GET_TEXT);
    }

    @Test
    void infixCastAndPostgresOperators() {
        SqlSelect select =
                parse(
                        "select (p->>'n')::int + 1, x::text from t where name !~ '^a' and name !="
                                + " 'b'",
                        SqlSelect.class);

        SqlCall plus = (SqlCall) select.getSelectList().get(0);
        SqlCall cast = (SqlCall) plus.operand(0);
        assertThat(cast.getOperator()).isSameAs(SqlLibraryOperators.INFIX_CAST);
        assertThat(((SqlCall) cast.operand(0)).getOperator())
                .isSameAs(SluiceOperators.JSON_GET_TEXT);
        SqlCall and = (SqlCall) select.getWhere();
        assertThat(((SqlCall) and.operand(0)).getOperator())
                .isSameAs(SqlStdOperatorTable.NEGATED_POSIX_REGEX_CASE_SENSITIVE);
        // The cast keeps its parentheses when written back.
        assertThat(SluiceParser.unparse(select)).contains("(p ->> 'n') :: INTEGER + 1");
    }

    @Test
    void lambdaArrowStillParsesAsLambda() {
        SqlSelect select = parse("select transform(arr, x -> x + 1) from t", SqlSelect.class);

        SqlBasicCall call = (SqlBasicCall) select.getSelectList().get(0);
        SqlNode argument = call.operand(1);
        assertThat(argument).isInstanceOf(SqlLambda.class);
    }

    @Test
    void timestampAndValueAreColumnNames() {
        SqlSelect select =
                parse("select timestamp, value from t where timestamp > value", SqlSelect.class);

        assertThat(select.getSelectList())
                .extracting(SqlNode::toString)
                .containsExactly("timestamp", "value");
        // Literals of those types still parse.
        assertThat(SluiceParser.parseStatement("select timestamp '2024-01-01 00:00:00'"))
                .isInstanceOf(SqlSelect.class);
    }

    @Test
    void newWordsRemainUsableAsIdentifiers() {
        SqlSelect select =
                parse("select pipeline, profile, tables, stop, if from pipelines", SqlSelect.class);

        assertThat(select.getSelectList()).hasSize(5);
    }

    @Test
    void identifiersFollowPostgresCaseRules() {
        SqlSelect select = parse("SELECT Foo, \"Bar\" FROM \"T\"", SqlSelect.class);

        assertThat(select.getSelectList())
                .extracting(SqlNode::toString)
                .containsExactly("foo", "Bar");
        assertThat(SluiceParser.config().caseSensitive()).isTrue();
    }

    @Test
    void scriptWithSeveralStatements() {
        List<SqlNode> statements =
                SluiceParser.parseStatements(
                        "show tables; -- comment\nstop pipeline a;\n\nselect 1;");

        assertThat(statements).hasSize(3);
        assertThat(SluiceParser.parseStatements("")).isEmpty();
        assertThat(SluiceParser.parseStatements(" -- nothing but a comment\n")).isEmpty();
    }

    @Test
    void parseStatementRejectsScripts() {
        assertThatThrownBy(() -> SluiceParser.parseStatement("select 1; select 2"))
                .isInstanceOf(SluiceParseException.class)
                .hasMessage("expected exactly one statement, found 2");
    }

    private static <T extends SqlNode> T parse(String sql, Class<T> type) {
        SqlNode node = SluiceParser.parseStatement(sql);
        assertThat((Object) node).isInstanceOf(type);
        return type.cast(node);
    }
}
