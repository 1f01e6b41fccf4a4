package io.sluice.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** DDL is shared by every session at once, survives a restart, and protects running pipelines. */
class TestCatalogDdl {
    @TempDir Path dataDir;

    @Test
    void sessionsSeeEachOthersDdlAndItSurvivesARestart() throws Exception {
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ddl-" + UUID.randomUUID())) {
            try (Connection first = sluice.connect();
                    Connection second = sluice.connect();
                    Statement a = first.createStatement();
                    Statement b = second.createStatement()) {
                a.execute(
                        "CREATE TABLE ddl_events (id TEXT) WITH (connector = 'kafka',"
                                + " bootstrap_servers = '"
                                + sluice.kafkaBootstrapServers()
                                + "', topic = 'ddl-"
                                + UUID.randomUUID()
                                + "', format = 'json', type = 'source')");
                assertThat(firstColumn(b, "SHOW TABLES")).contains("ddl_events");

                b.execute(
                        "CREATE TABLE ddl_sink WITH (connector = 'filesystem', path = '"
                                + dataDir.resolve("lake/ddl").toUri()
                                + "', format = 'parquet')");
                b.execute(
                        "CREATE PIPELINE ddl_copy AS INSERT INTO ddl_sink SELECT id FROM"
                                + " ddl_events");
                assertThat(firstColumn(a, "SHOW PIPELINES")).contains("ddl_copy");

                // the other session cannot drop a table the pipeline reads
                assertThatThrownBy(() -> a.execute("DROP TABLE ddl_events"))
                        .isInstanceOfSatisfying(
                                PSQLException.class,
                                e -> {
                                    assertThat(e.getSQLState()).isEqualTo("55006");
                                    assertThat(e.getMessage()).contains("\"ddl_copy\"");
                                });
            }

            sluice.restart();
            try (Connection connection = sluice.connect();
                    Statement statement = connection.createStatement()) {
                assertThat(firstColumn(statement, "SHOW TABLES"))
                        .contains("ddl_events", "ddl_sink");
                assertThat(firstColumn(statement, "SHOW PIPELINES")).contains("ddl_copy");
                statement.execute("DROP PIPELINE ddl_copy");
                statement.execute("DROP TABLE ddl_events");
                assertThat(firstColumn(statement, "SHOW TABLES"))
                        .doesNotContain("ddl_events")
                        .contains("ddl_sink");
            }
        }
    }

    private static List<String> firstColumn(Statement statement, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
