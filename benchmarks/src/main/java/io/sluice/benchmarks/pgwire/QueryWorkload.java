package io.sluice.benchmarks.pgwire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

/** A query a benchmark client repeats on its own connection. */
enum QueryWorkload {
    /** {@code SELECT 1} through a plain {@link Statement}. */
    SELECT_1("select-1") {
        @Override
        Runner open(Connection connection) throws SQLException {
            Statement statement = connection.createStatement();
            return iteration -> {
                try (ResultSet rs = statement.executeQuery("SELECT 1")) {
                    consume(rs, 1);
                }
            };
        }
    },
    /** Ten typed columns from ten bound parameters, through one {@link PreparedStatement}. */
    PREPARED_10_COLUMNS("prepared-10-columns") {
        static final String SQL =
                "SELECT CAST(? AS BIGINT) AS id, CAST(? AS VARCHAR) AS name,"
                        + " CAST(? AS BOOLEAN) AS active, CAST(? AS DOUBLE PRECISION) AS score,"
                        + " CAST(? AS DATE) AS day, CAST(? AS INTEGER) AS quantity,"
                        + " CAST(? AS VARCHAR) AS platform, CAST(? AS BIGINT) AS user_id,"
                        + " CAST(? AS INTEGER) AS version, CAST(? AS VARCHAR) AS country";

        @Override
        Runner open(Connection connection) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(SQL);
            LocalDate day = LocalDate.of(2025, 1, 15);
            return iteration -> {
                statement.setLong(1, iteration);
                statement.setString(2, "user-" + iteration);
                statement.setBoolean(3, (iteration & 1) == 0);
                statement.setDouble(4, iteration * 0.5);
                statement.setObject(5, day);
                statement.setInt(6, (int) (iteration % 100));
                statement.setString(7, "android");
                statement.setLong(8, iteration * 31);
                statement.setInt(9, 7);
                statement.setString(10, "PT");
                try (ResultSet rs = statement.executeQuery()) {
                    consume(rs, 10);
                }
            };
        }
    };

    private final String label;

    QueryWorkload(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /** Prepares what the connection reuses; the runner runs one query per call. */
    abstract Runner open(Connection connection) throws SQLException;

    /** One query, its rows read to the end. */
    @FunctionalInterface
    interface Runner {
        void run(long iteration) throws SQLException;
    }

    private static void consume(ResultSet rs, int columns) throws SQLException {
        int rows = 0;
        while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
                rs.getString(i);
            }
            rows++;
        }
        if (rows != 1) {
            throw new SQLException("expected one row, got " + rows);
        }
    }
}
