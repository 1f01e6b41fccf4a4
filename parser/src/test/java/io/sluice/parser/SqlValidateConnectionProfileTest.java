package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.parser.ddl.SqlTableOption;
import io.sluice.parser.ddl.SqlValidateConnectionProfile;
import org.apache.calcite.sql.SqlNode;
import org.junit.jupiter.api.Test;

class SqlValidateConnectionProfileTest {
    @Test
    void parsesTheProfileNameAndOptionalOptions() {
        SqlNode bare = SluiceParser.parseStatement("VALIDATE CONNECTION PROFILE \"prod-kafka\"");
        SqlNode withTopic =
                SluiceParser.parseStatement(
                        "validate connection profile prod with (topic = 'events')");

        assertThat((Object) bare).isInstanceOf(SqlValidateConnectionProfile.class);
        SqlValidateConnectionProfile first = (SqlValidateConnectionProfile) bare;
        assertThat(first.name().getSimple()).isEqualTo("prod-kafka");
        assertThat(first.options()).isEmpty();
        SqlValidateConnectionProfile second = (SqlValidateConnectionProfile) withTopic;
        assertThat(second.name().getSimple()).isEqualTo("prod");
        assertThat(second.options())
                .extracting(SqlTableOption::key, SqlTableOption::valueAsString)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("topic", "events"));
    }

    @Test
    void validateStaysUsableAsAnIdentifier() {
        SqlNode query = SluiceParser.parseStatement("SELECT validate FROM t");
        assertThat(query.toString()).containsIgnoringCase("validate");
    }
}
