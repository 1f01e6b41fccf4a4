package io.sluice.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.parser.SluiceParser;
import org.junit.jupiter.api.Test;

class PlannerErrorTest {
    private static final String CATALOG =
            "create table events (id TEXT, type TEXT, n INT, properties JSON) with (connector ="
                    + " 'kafka', bootstrap_servers = 'b:9092', topic = 't', type = 'source');\n"
                    + "create table typed (id TEXT, n INT) with (connector = 'delta', path ="
                    + " '/l');\n"
                    + "create table loose with (connector = 'delta', path = '/l2');\n";

    @Test
    void unknownTable() {
        String sql = CATALOG + "insert into loose select id from nothere";
        assertError(
                sql, ErrorCode.UNDEFINED_TABLE, "relation \"nothere\" does not exist", "nothere");
    }

    @Test
    void unknownTarget() {
        String sql = CATALOG + "insert into nosink select id from events";
        assertError(sql, ErrorCode.UNDEFINED_TABLE, "relation \"nosink\" does not exist", "nosink");
    }

    @Test
    void unknownColumn() {
        String sql = CATALOG + "insert into loose select id, missing from events";
        assertError(
                sql, ErrorCode.UNDEFINED_COLUMN, "column \"missing\" does not exist", "missing");
    }

    @Test
    void unknownOptionWithSuggestion() {
        String sql =
                "create table s with (connector = 'delta', path = '/x', rolover_seconds = '60')";
        assertError(
                sql,
                ErrorCode.INVALID_OPTION,
                "unknown option \"rolover_seconds\" for connector delta; did you mean"
                        + " \"rollover_seconds\"?",
                "rolover_seconds");
    }

    @Test
    void unknownType() {
        String sql =
                "create table s (a FOO) with (connector = 'kafka', bootstrap_servers = 'b',"
                        + " topic = 't', type = 'source')";
        assertError(sql, ErrorCode.UNDEFINED_OBJECT, "type \"foo\" does not exist", "FOO");
    }

    @Test
    void typeMismatch() {
        String sql = CATALOG + "insert into typed select id, properties from events";
        assertError(
                sql,
                ErrorCode.DATATYPE_MISMATCH,
                "column \"n\" is of type integer but expression is of type json",
                "properties from");
    }

    @Test
    void tooManyExpressions() {
        String sql = CATALOG + "insert into typed select id, n, type from events";
        assertError(
                sql,
                ErrorCode.SYNTAX_ERROR,
                "INSERT has more expressions than target columns",
                "type from");
    }

    @Test
    void insertIntoSource() {
        String sql = CATALOG + "insert into events select * from events";
        assertError(
                sql,
                ErrorCode.FEATURE_NOT_SUPPORTED,
                "cannot INSERT INTO source table events; pipelines write only sink tables",
                "events select");
    }

    @Test
    void readFromSink() {
        String sql = CATALOG + "insert into loose select id, n from typed";
        assertError(
                sql,
                ErrorCode.FEATURE_NOT_SUPPORTED,
                "pipelines read only source tables, and typed is a sink table",
                "typed\n".isEmpty() ? "" : "typed",
                sql.lastIndexOf("typed"));
    }

    @Test
    void unnamedExpressionInColumnlessSink() {
        String sql = CATALOG + "insert into loose select id, n + 1 from events";
        assertError(
                sql,
                ErrorCode.SYNTAX_ERROR,
                "column 2 of the query has no name; name it with AS, since it becomes a column of"
                        + " the sink",
                "n + 1");
    }

    @Test
    void aggregationNotSupported() {
        String sql =
                CATALOG + "insert into loose select type, count(*) as c from events group by type";
        SluiceException e = plan(sql);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage())
                .isEqualTo("aggregation (GROUP BY) is not supported in pipelines yet");
    }

    @Test
    void unsupportedFunctionIsNamed() {
        String sql = CATALOG + "insert into loose select initcap(id) as s from events";
        SluiceException e = plan(sql);
        assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED);
        assertThat(e.getMessage())
                .contains("INITCAP")
                .endsWith("is not supported in pipelines yet");
    }

    @Test
    void sqlTextIsNotChangedByPlanning() {
        String sql = CATALOG + "insert into loose select * from events";
        var statements = SluiceParser.parseStatements(sql);
        String before = statements.get(3).toString();
        new PlannerHarness().run(sql);
        assertThat(statements.get(3).toString()).isEqualTo(before);
    }

    private static void assertError(String sql, ErrorCode code, String message, String at) {
        assertError(sql, code, message, at, sql.lastIndexOf(at));
    }

    private static void assertError(
            String sql, ErrorCode code, String message, String at, int expectedOffset) {
        SluiceException e = plan(sql);
        assertThat(e.errorCode()).as(e.getMessage()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(expectedOffset).as("test text contains %s", at).isNotNegative();
        assertThat(e.position()).hasValue(expectedOffset);
    }

    private static SluiceException plan(String sql) {
        Throwable thrown = catchThrowable(() -> new PlannerHarness().run(sql));
        assertThat(thrown).isInstanceOf(SluiceException.class);
        return (SluiceException) thrown;
    }

    @Test
    void harnessRejectsNothingValid() {
        assertThatThrownBy(() -> new PlannerHarness().run("insert into x select 1"))
                .isInstanceOf(SluiceException.class);
    }
}
