package io.sluice.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.parser.ddl.SqlTableMaintenance;
import org.junit.jupiter.api.Test;

class TableMaintenanceParseTest {
    @Test
    void optimizeWithAndWithoutPredicate() {
        SqlTableMaintenance plain =
                (SqlTableMaintenance) SluiceParser.parseStatement("OPTIMIZE events");
        assertThat(plain.action()).isEqualTo(SqlTableMaintenance.Action.OPTIMIZE);
        assertThat(plain.name().toString()).isEqualTo("events");
        assertThat(plain.where()).isEmpty();

        SqlTableMaintenance filtered =
                (SqlTableMaintenance)
                        SluiceParser.parseStatement("optimize events where dt >= '2026-01-02';");
        assertThat(filtered.where()).isPresent();
        assertThat(filtered.where().get().toString()).isEqualTo("`dt` >= '2026-01-02'");
    }

    @Test
    void vacuumWithRetention() {
        SqlTableMaintenance plain =
                (SqlTableMaintenance) SluiceParser.parseStatement("VACUUM events");
        assertThat(plain.action()).isEqualTo(SqlTableMaintenance.Action.VACUUM);
        assertThat(plain.retainHours()).isEmpty();

        SqlTableMaintenance retained =
                (SqlTableMaintenance) SluiceParser.parseStatement("VACUUM events RETAIN 200 HOURS");
        assertThat(retained.retainHours().get().intValue(true)).isEqualTo(200);
        assertThatThrownBy(() -> SluiceParser.parseStatement("VACUUM events RETAIN 2"))
                .isInstanceOf(SluiceParseException.class);
    }

    @Test
    void wordsStayUsableAsNames() {
        assertThat(SluiceParser.parseStatement("SELECT optimize, vacuum, retain FROM t"))
                .isNotNull();
    }
}
