package io.sluice.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.parser.SluiceParser;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestConstantAnswers {
    @Test
    void onlyLiteralSelectsAreConstant() {
        assertThat(constant("SELECT 1")).isTrue();
        assertThat(constant("SELECT 1 AS x, 'a', -2 * 3 + 4, TRUE, NULL")).isTrue();
        assertThat(constant("SELECT now()")).isFalse();
        assertThat(constant("SELECT random()")).isFalse();
        assertThat(constant("SELECT CURRENT_TIMESTAMP")).isFalse();
        assertThat(constant("SELECT CAST('now' AS TIMESTAMP)")).isFalse();
        assertThat(constant("SELECT 1 FROM t")).isFalse();
        assertThat(constant("SELECT 1 FROM (VALUES (1)) AS v WHERE FALSE")).isFalse();
        assertThat(constant("SELECT 1 UNION ALL SELECT 2")).isFalse();
        assertThat(constant("SELECT (SELECT 1)")).isFalse();
    }

    @Test
    void answerIsKeptOnceReadToTheEnd() {
        ConstantAnswers answers = new ConstantAnswers();
        String sql = "SELECT 1";
        PgResult partlyRead = answers.remembering(sql, SluiceParser.parseStatement(sql), result(1));
        ((PgResult.Rows) partlyRead).rows().next();
        assertThat(answers.answer(sql)).isEmpty();

        PgResult read = answers.remembering(sql, SluiceParser.parseStatement(sql), result(1));
        assertThat(rows(read)).containsExactly(1);
        PgResult kept = answers.answer(sql).orElseThrow();
        assertThat(((PgResult.Rows) kept).columns()).isEqualTo(columns());
        assertThat(rows(kept)).containsExactly(1);
        assertThat(rows(answers.answer(sql).orElseThrow())).containsExactly(1);
    }

    @Test
    void nonConstantQueriesAreNotKept() {
        ConstantAnswers answers = new ConstantAnswers();
        String sql = "SELECT random()";
        assertThat(rows(answers.remembering(sql, SluiceParser.parseStatement(sql), result(7))))
                .containsExactly(7);
        assertThat(answers.answer(sql)).isEmpty();
    }

    private static boolean constant(String sql) {
        return ConstantAnswers.isConstant(SluiceParser.parseStatement(sql));
    }

    private static List<PgColumn> columns() {
        return List.of(new PgColumn("one", PgType.INT4));
    }

    private static PgResult result(int value) {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {value});
        return PgResult.rows(columns(), rows.iterator());
    }

    private static List<Object> rows(PgResult result) {
        List<Object> values = new ArrayList<>();
        Iterator<Object[]> rows = ((PgResult.Rows) result).rows();
        while (rows.hasNext()) {
            values.add(rows.next()[0]);
        }
        return values;
    }
}
