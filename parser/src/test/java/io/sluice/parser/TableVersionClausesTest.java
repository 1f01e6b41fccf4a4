package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

class TableVersionClausesTest {
    @Test
    void findsTheClauseAfterATableName() {
        String sql = "SELECT count(*) FROM events FOR VERSION AS OF 3 WHERE n > 1";
        TableVersionClauses clauses = TableVersionClauses.find(sql);

        assertThat(clauses.clauses())
                .containsExactly(new TableVersionClauses.Clause("events", 3, 21, 28, 47, false));
        assertThat(clauses.withoutClauses())
                .isEqualTo("SELECT count(*) FROM events" + " ".repeat(21) + "WHERE n > 1");
        assertThat(clauses.replaceReferences(clause -> "\"events@v3\" AS events"))
                .isEqualTo("SELECT count(*) FROM \"events@v3\" AS events WHERE n > 1");
    }

    @Test
    void blankedStatementParsesWithPositionsOfTheOriginal() {
        String sql = "select e.n from \"Events\" for version as of 12 e where nope(1)";
        TableVersionClauses clauses = TableVersionClauses.find(sql);

        assertThat(clauses.clauses()).hasSize(1);
        TableVersionClauses.Clause clause = clauses.clauses().get(0);
        assertThat(clause.table()).isEqualTo("Events");
        assertThat(clause.version()).isEqualTo(12);
        assertThat(clause.aliased()).isTrue();
        SqlNode node = SluiceParser.parseStatement(clauses.withoutClauses());
        assertThat(node.toString()).contains("`Events`");
        assertThat(node.toString()).doesNotContain("VERSION");
    }

    @Test
    void ignoresTextInLiteralsAndCommentsAndOtherForms() {
        assertThat(
                        TableVersionClauses.find(
                                        "SELECT 'x FOR VERSION AS OF 1' FROM t -- t FOR VERSION AS"
                                                + " OF 2\n"
                                                + "/* t FOR VERSION AS OF 3 */")
                                .isEmpty())
                .isTrue();
        assertThat(TableVersionClauses.find("SELECT * FROM t FOR VERSION AS OF x").isEmpty())
                .isTrue();
        assertThat(TableVersionClauses.find("SELECT * FROM t FOR VERSION AS OF 1.5").isEmpty())
                .isTrue();
    }

    @Test
    void qualifiedNamesAndSeveralClauses() {
        TableVersionClauses clauses =
                TableVersionClauses.find(
                        "SELECT * FROM lake.a FOR VERSION AS OF 1 JOIN b for version as of 2 x"
                                + " ON a.id = x.id");
        assertThat(clauses.clauses())
                .extracting(TableVersionClauses.Clause::table)
                .containsExactly("lake.a", "b");
        assertThat(clauses.clauses())
                .extracting(TableVersionClauses.Clause::aliased)
                .containsExactly(false, true);
        assertThat(clauses.replaceReferences(clause -> "[" + clause.version() + "]"))
                .isEqualTo("SELECT * FROM [1] JOIN [2] x ON a.id = x.id");
    }
}
