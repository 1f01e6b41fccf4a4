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
import org.postgresql.util.PSQLException;

/** {@code FOR VERSION AS OF} over a Delta table registered as a lake table. */
class TestLakeTimeTravel {
    @TempDir Path dataDir;
    @TempDir Path tables;

    @Test
    void olderVersionsReturnTheirOlderCounts() throws Exception {
        Path directory = tables.resolve("versioned");
        DeltaTables delta = DeltaTables.create(directory);
        assertThat(delta.append("2026-01-01", 0, 100, 2)).isEqualTo(1);
        assertThat(delta.append("2026-01-02", 1000, 50, 1)).isEqualTo(2);
        assertThat(delta.append("2026-01-03", 2000, 10, 3)).isEqualTo(3);
        try (TestingSluice sluice = TestingSluice.start(dataDir, "tt-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE versioned (id BIGINT, dt TEXT) WITH (connector = 'delta',"
                            + " path = '"
                            + directory.toUri()
                            + "', type = 'lake')");

            assertThat(count(statement, "SELECT count(*) FROM versioned")).isEqualTo(280);
            assertThat(count(statement, "SELECT count(*) FROM versioned FOR VERSION AS OF 0"))
                    .isZero();
            assertThat(count(statement, "SELECT count(*) FROM versioned FOR VERSION AS OF 1"))
                    .isEqualTo(200);
            assertThat(
                            count(
                                    statement,
                                    "select count(*) from versioned for version as of 2 v"
                                            + " where v.id >= 1000"))
                    .isEqualTo(50);
            // The latest and an older version side by side: what the last commit added.
            assertThat(
                            count(
                                    statement,
                                    "SELECT count(*) FROM versioned WHERE id NOT IN"
                                            + " (SELECT id FROM versioned FOR VERSION AS OF 2)"))
                    .isEqualTo(30);
            assertThat(explain(statement, "EXPLAIN SELECT * FROM versioned FOR VERSION AS OF 1"))
                    .isNotEmpty();

            assertThatThrownBy(
                            () ->
                                    count(
                                            statement,
                                            "SELECT count(*) FROM versioned FOR VERSION AS OF 7"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("22023");
                                assertThat(e.getMessage())
                                        .contains("has no version 7")
                                        .contains("latest version is 3");
                                assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(32);
                            });
            assertThatThrownBy(
                            () ->
                                    statement.execute(
                                            "INSERT INTO versioned SELECT * FROM versioned FOR"
                                                    + " VERSION AS OF 1"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
            // The server is still healthy.
            assertThat(count(statement, "SELECT count(*) FROM versioned")).isEqualTo(280);
        }
    }

    @Test
    void filtersOnPartitionColumnsSkipFiles() throws Exception {
        Path directory = tables.resolve("partitioned");
        DeltaTables delta = DeltaTables.create(directory);
        delta.append("2026-01-01", 0, 100, 2);
        delta.append("2026-01-02", 1000, 50, 1);
        delta.append("2026-01-03", 2000, 10, 3);
        Path hive = tables.resolve("hive");
        writeHivePartitions(hive);
        try (TestingSluice sluice = TestingSluice.start(dataDir, "prune-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE partitioned (id BIGINT, dt TEXT) WITH (connector = 'delta',"
                            + " path = '"
                            + directory.toUri()
                            + "', type = 'lake')");
            statement.execute(
                    "CREATE TABLE regions (id BIGINT, region TEXT) WITH (connector ="
                            + " 'filesystem', path = '"
                            + hive.toUri()
                            + "', type = 'lake')");

            String query = "SELECT count(*) FROM partitioned WHERE dt = '2026-01-03' AND id > 0";
            assertThat(count(statement, query)).isEqualTo(30);
            assertThat(explain(statement, "EXPLAIN " + query))
                    .contains(
                            "partitioned: 3 of 6 files, 1 of 3 partitions kept by dt ="
                                    + " '2026-01-03'");
            String range =
                    "SELECT count(*) FROM partitioned p WHERE p.dt BETWEEN '2026-01-02' AND"
                            + " '2026-01-03'";
            assertThat(count(statement, range)).isEqualTo(80);
            assertThat(explain(statement, "EXPLAIN " + range))
                    .contains(
                            "partitioned: 4 of 6 files, 2 of 3 partitions kept by dt >="
                                    + " '2026-01-02' AND dt <= '2026-01-03'");
            // No filter on a partition column: every file.
            assertThat(explain(statement, "EXPLAIN SELECT count(*) FROM partitioned WHERE id < 5"))
                    .contains("partitioned: 6 of 6 files, 3 of 3 partitions");
            // Time travel and pruning together.
            assertThat(
                            count(
                                    statement,
                                    "SELECT count(*) FROM partitioned FOR VERSION AS OF 2 WHERE dt"
                                            + " <> '2026-01-01'"))
                    .isEqualTo(50);

            String regions = "SELECT count(*) FROM regions WHERE region IN ('eu', 'us')";
            assertThat(count(statement, regions)).isEqualTo(20);
            assertThat(explain(statement, "EXPLAIN " + regions))
                    .contains("regions: 2 of 3 files, 2 of 3 partitions kept by region IN");
        }
    }

    /** Three Hive-style partitions {@code region=…} of ten rows each. */
    private static void writeHivePartitions(Path root) throws Exception {
        try (Connection duckdb = java.sql.DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            for (String region : new String[] {"eu", "us", "apac"}) {
                Path partition =
                        java.nio.file.Files.createDirectories(root.resolve("region=" + region));
                statement.execute(
                        "COPY (SELECT range::BIGINT AS id, '"
                                + region
                                + "' AS region FROM range(10)) TO '"
                                + partition.resolve("part-0.parquet")
                                + "' (FORMAT parquet)");
            }
        }
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static String explain(Statement statement, String sql) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                text.append(rs.getString(rs.getMetaData().getColumnCount())).append('\n');
            }
        }
        return text.toString();
    }
}
