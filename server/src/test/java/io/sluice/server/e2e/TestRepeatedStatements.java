package io.sluice.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/**
 * Statements a session runs again: answered from remembered parses and constant answers, they must
 * answer exactly as the first run did, and follow the catalog as it changes.
 */
class TestRepeatedStatements {
    @TempDir Path dataDir;

    @Test
    void repeatedStatementsAnswerAsTheFirstRunAndFollowTheCatalog() throws Exception {
        try (TestingSluice sluice = TestingSluice.start(dataDir, "repeat-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            for (int run = 0; run < 4; run++) {
                try (ResultSet rs = statement.executeQuery("SELECT 1 AS x, 'a' AS a, -2 * 3")) {
                    assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("x");
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                    assertThat(rs.getString(2)).isEqualTo("a");
                    assertThat(rs.getInt(3)).isEqualTo(-6);
                    assertThat(rs.next()).isFalse();
                }
            }

            // Parameters change from run to run; the statement is parsed once.
            try (PreparedStatement prepared =
                    connection.prepareStatement(
                            "SELECT CAST(? AS BIGINT) AS id, CAST(? AS VARCHAR) AS name")) {
                for (int run = 0; run < 8; run++) {
                    prepared.setLong(1, run);
                    prepared.setString(2, "name-" + run);
                    try (ResultSet rs = prepared.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getLong(1)).isEqualTo(run);
                        assertThat(rs.getString(2)).isEqualTo("name-" + run);
                    }
                }
            }

            statement.execute(
                    "CREATE TABLE repeated_sink (id BIGINT) WITH (connector = 'filesystem',"
                            + " path = '"
                            + dataDir.resolve("lake/repeated_sink")
                            + "', format = 'parquet')");
            String count = "SELECT count(*) FROM repeated_sink";
            for (int run = 0; run < 3; run++) {
                assertThat(single(statement, count)).isEqualTo(0);
            }
            statement.execute("DROP TABLE repeated_sink");
            for (int run = 0; run < 2; run++) {
                assertThatThrownBy(() -> single(statement, count))
                        .isInstanceOfSatisfying(
                                PSQLException.class,
                                e -> {
                                    assertThat(e.getSQLState()).isEqualTo("42P01");
                                    assertThat(e.getMessage())
                                            .contains("relation \"repeated_sink\" does not exist");
                                });
            }

            // Refused by both parsers: the same error every time.
            String broken = "SELECT 1 +* FROM nowhere";
            String first = errorOf(statement, broken);
            assertThat(errorOf(statement, broken)).isEqualTo(first);
            assertThat(errorOf(statement, broken)).isEqualTo(first);
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static String errorOf(Statement statement, String sql) {
        try {
            statement.executeQuery(sql).close();
        } catch (SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
        }
        throw new AssertionError("expected " + sql + " to fail");
    }
}
