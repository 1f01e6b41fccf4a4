package io.sluice.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code search_path} names the schemas Sluice has, and catalog functions follow it. */
class TestSearchPath {
    @TempDir Path dataDir;

    @Test
    void searchPathIsHonouredAndCheckedOverJdbc() throws Exception {
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            assertThat(text(statement, "SHOW search_path")).isEqualTo("public");
            assertThat(text(statement, "SELECT current_schema()")).isEqualTo("public");

            statement.execute("SET search_path = sluice, public");
            assertThat(text(statement, "SHOW search_path")).isEqualTo("sluice, public");
            assertThat(text(statement, "SELECT current_schema()")).isEqualTo("sluice");
            assertThat(text(statement, "SELECT array_to_string(current_schemas(true), ',')"))
                    .isEqualTo("pg_catalog,sluice,public");
            assertThat(connection.getSchema()).isEqualTo("sluice");

            assertThatThrownBy(() -> statement.execute("SET search_path TO nowhere, public"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("3F000");
                                assertThat(e.getMessage()).contains("\"nowhere\"");
                            });
            assertThat(text(statement, "SHOW search_path")).isEqualTo("sluice, public");

            statement.execute("SET search_path TO \"$user\", public");
            assertThat(text(statement, "SELECT current_schema()")).isEqualTo("public");
            statement.execute("RESET search_path");
            assertThat(text(statement, "SHOW search_path")).isEqualTo("public");
        }
    }

    private static String text(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
