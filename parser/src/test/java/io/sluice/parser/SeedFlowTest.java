package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.parser.ddl.SqlCreateSluiceTable;
import io.sluice.parser.ddl.SqlTableOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.util.Litmus;
import org.junit.jupiter.api.Test;

/** The statements users paste from the article parse unchanged. */
class SeedFlowTest {
    private static String seedFlow() throws IOException {
        try (InputStream in = SeedFlowTest.class.getResourceAsStream("/seed-flow.sql")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parsesTheWholeFileAsOneScript() throws IOException {
        List<SqlNode> statements = SluiceParser.parseStatements(seedFlow());

        assertThat(statements).hasSize(5);
        assertThat(statements.get(0)).isInstanceOf(SqlCreateSluiceTable.class);
        assertThat(statements.get(1).getKind()).isEqualTo(SqlKind.SELECT);
        assertThat(statements.get(2)).isInstanceOf(SqlCreateSluiceTable.class);
        assertThat(statements.get(3)).isInstanceOf(SqlCreateSluiceTable.class);
        assertThat(statements.get(4)).isInstanceOf(SqlInsert.class);
    }

    @Test
    void parsesEachStatementOnItsOwn() throws IOException {
        List<String> pieces =
                Arrays.stream(seedFlow().split(";"))
                        .filter(piece -> piece.lines().anyMatch(SeedFlowTest::isCode))
                        .toList();

        assertThat(pieces).hasSize(5);
        for (String piece : pieces) {
            SqlNode statement = SluiceParser.parseStatement(piece);
            // Written back and read again, every statement means the same thing.
            assertThat(
                            SluiceParser.parseStatement(SluiceParser.unparse(statement))
                                    .equalsDeep(statement, Litmus.THROW))
                    .isTrue();
        }
    }

    @Test
    void sourceTableHasColumnsKeyAndOptions() throws IOException {
        SqlCreateSluiceTable events =
                (SqlCreateSluiceTable) SluiceParser.parseStatements(seedFlow()).get(2);

        assertThat(events.name().getSimple()).isEqualTo("events");
        assertThat(events.hasColumnList()).isTrue();
        assertThat(events.columns())
                .extracting(column -> column.name().getSimple())
                .containsExactly(
                        "id",
                        "timestamp",
                        "ip",
                        "user_id",
                        "platform",
                        "app_version",
                        "type",
                        "properties");
        assertThat(events.columns().get(1).notNull()).isTrue();
        assertThat(events.columns().get(2).notNull()).isFalse();
        assertThat(events.primaryKey()).containsExactly("id");
        assertThat(optionMap(events.options()))
                .containsExactly(
                        Map.entry("connector", "kafka"),
                        Map.entry("connection_profile", "analytics-redpanda"),
                        Map.entry("topic", "analytics"),
                        Map.entry("format", "json"),
                        Map.entry("type", "source"));
    }

    @Test
    void sinkWithoutColumnsAndTheInsertIntoIt() throws IOException {
        List<SqlNode> statements = SluiceParser.parseStatements(seedFlow());
        SqlCreateSluiceTable sink = (SqlCreateSluiceTable) statements.get(3);
        SqlInsert insert = (SqlInsert) statements.get(4);

        assertThat(sink.hasColumnList()).isFalse();
        assertThat(sink.columns()).isEmpty();
        assertThat(optionMap(sink.options()))
                .containsEntry("filename.strategy", "uuid")
                .containsEntry("rollover_seconds", "6000")
                .hasSize(7);
        assertThat(insert.getTargetTable().toString()).isEqualTo("account_created_sink");
        SqlSelect select = (SqlSelect) insert.getSource();
        assertThat(select.getSelectList()).hasSize(9);
        assertThat(select.getSelectList().get(6).toString())
                .isEqualTo("`properties` ->> 'signup_method' AS `signup_method`");
    }

    @Test
    void unstructuredTableHasValueColumnAndBooleanOption() throws IOException {
        SqlCreateSluiceTable events =
                (SqlCreateSluiceTable) SluiceParser.parseStatements(seedFlow()).get(0);

        assertThat(events.columns()).hasSize(1);
        assertThat(events.columns().get(0).name().getSimple()).isEqualTo("value");
        assertThat(events.columns().get(0).type().getTypeName().getSimple()).isEqualTo("json");
        assertThat(optionMap(events.options())).containsEntry("json.unstructured", "true");
    }

    private static boolean isCode(String line) {
        String trimmed = line.strip();
        return !trimmed.isEmpty() && !trimmed.startsWith("--");
    }

    private static Map<String, String> optionMap(List<SqlTableOption> options) {
        Map<String, String> map = new LinkedHashMap<>();
        options.forEach(option -> map.put(option.key(), option.valueAsString()));
        return map;
    }
}
