package io.sluice.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.pgwire.PgException;
import org.junit.jupiter.api.Test;

class TestSearchPathValues {
    @Test
    void setStatementsAreCheckedAndNormalised() {
        assertThat(SearchPath.checkSet("SET search_path = Sluice, 'public'"))
                .hasValue("sluice, public");
        assertThat(SearchPath.checkSet("set search_path to \"$user\", public;"))
                .hasValue("\"$user\", public");
        assertThat(SearchPath.checkSet("SET SCHEMA 'public'")).hasValue("public");
        assertThat(SearchPath.checkSet("SET search_path = DEFAULT")).isEmpty();
        assertThat(SearchPath.checkSet("SET application_name = 'x'")).isEmpty();
        assertThatThrownBy(() -> SearchPath.checkSet("SET search_path = analytics"))
                .isInstanceOfSatisfying(
                        PgException.class, e -> assertThat(e.sqlState()).isEqualTo("3F000"));
    }

    @Test
    void effectivePathKeepsSchemasSluiceHas() {
        assertThat(SearchPath.effective("\"$user\", public")).containsExactly("public");
        assertThat(SearchPath.effective("sluice, pg_catalog, sluice"))
                .containsExactly("sluice", "pg_catalog");
    }
}
