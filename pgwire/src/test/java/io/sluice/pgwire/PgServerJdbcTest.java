package io.sluice.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

/** Drives the protocol with the real pgjdbc driver against a trust-mode server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgServerJdbcTest {
    private final FakeSession.Events events = new FakeSession.Events();
    private PgServer server;

    @BeforeAll
    void startServer() {
        server = PgServer.start(PgServerConfig.trust("127.0.0.1", 0, FakeSession.factory(events)));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private Connection connect(String... extraProperties) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "alice");
        for (int i = 0; i < extraProperties.length; i += 2) {
            properties.setProperty(extraProperties[i], extraProperties[i + 1]);
        }
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/sluice", properties);
    }

    @Test
    void simpleQueryOverBothProtocols() throws SQLException {
        for (String mode : List.of("extended", "simple")) {
            try (Connection connection = connect("preferQueryMode", mode);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select 42")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
                assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("?column?");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void typedRowsInTextFormat() throws SQLException {
        try (Connection connection = connect("preferQueryMode", "simple");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select * from typed")) {
            assertTypedRows(rs, 1);
        }
    }

    @Test
    void preparedStatementSwitchesToBinaryResults() throws SQLException {
        try (Connection connection = connect();
                PreparedStatement statement =
                        connection.prepareStatement("select * from typed where i >= ?")) {
            List<Integer> formats = new ArrayList<>();
            for (int run = 0; run < 8; run++) {
                statement.setInt(1, run % 2 == 0 ? 1 : 2);
                try (ResultSet rs = statement.executeQuery()) {
                    assertTypedRows(rs, run % 2 == 0 ? 1 : 2);
                    formats.add(rs.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(1));
                }
            }
            assertThat(formats.get(0)).isEqualTo(0);
            assertThat(formats.subList(5, 8)).containsOnly(1);
        }
    }

    @Test
    void unspecifiedParameterTypeIsDescribed() throws SQLException {
        LocalDateTime value = LocalDateTime.of(2023, 5, 6, 7, 8, 9, 654_321_000);
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement("select ?::timestamp")) {
            for (int run = 0; run < 7; run++) {
                statement.setTimestamp(1, Timestamp.valueOf(value.plusDays(run)));
                try (ResultSet rs = statement.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(value.plusDays(run));
                }
            }
        }
    }

    @Test
    void fetchSizeStreamsThroughSuspendedPortal() throws SQLException {
        int closedBefore = events.closedResults.get();
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(4);
                int executionsBefore = events.executions.get();
                List<Integer> values = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select * from series(10)")) {
                    while (rs.next()) {
                        values.add(rs.getInt(1));
                    }
                }
                assertThat(values).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
                // BEGIN plus one execution of the query, read across three Execute messages
                assertThat(events.executions.get() - executionsBefore).isEqualTo(2);
                assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
                        .isEqualTo(TransactionState.OPEN);
            }
            connection.commit();
            assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
                    .isEqualTo(TransactionState.IDLE);
        }
        assertThat(events.closedResults.get()).isGreaterThan(closedBefore);
    }

    @Test
    void errorCarriesSqlStateAndPosition() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select broken"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("42703");
                                assertThat(e.getServerErrorMessage().getPosition()).isEqualTo(8);
                                assertThat(e.getServerErrorMessage().getMessage())
                                        .isEqualTo("column \"broken\" does not exist");
                            });
            // the connection is still usable
            try (ResultSet rs = statement.executeQuery("select 7")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }
        }
    }

    @Test
    void unexpectedExceptionBecomesInternalError() throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select boom()"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("XX000");
                                assertThat(e.getMessage()).contains("boom");
                            });
            try (ResultSet rs = statement.executeQuery("select 8")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(8);
            }
        }
    }

    @Test
    void errorInTransactionBlockFailsItUntilRollback() throws SQLException {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("select 1").close();
                assertThatThrownBy(() -> statement.executeQuery("select broken"))
                        .isInstanceOf(SQLException.class);
                assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
                        .isEqualTo(TransactionState.FAILED);
                assertThatThrownBy(() -> statement.executeQuery("select 2"))
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("25P02"));
                connection.rollback();
                assertThat(connection.unwrap(BaseConnection.class).getTransactionState())
                        .isEqualTo(TransactionState.IDLE);
                try (ResultSet rs = statement.executeQuery("select 3")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(3);
                }
            }
        }
    }

    @Test
    void cancelStopsRunningStatement() throws Exception {
        events.sleeping = new CountDownLatch(1);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            Future<?> running = executor.submit(() -> statement.executeQuery("select sleep()"));
            assertThat(events.sleeping.await(30, TimeUnit.SECONDS)).isTrue();
            statement.cancel();
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(SQLException.class)
                    .cause()
                    .satisfies(
                            e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
            try (ResultSet rs = statement.executeQuery("select 5")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(5);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void multiStatementSimpleQueryReturnsEveryResult() throws SQLException {
        try (Connection connection = connect("preferQueryMode", "simple");
                Statement statement = connection.createStatement()) {
            assertThat(statement.execute("select 1; insert into t values (1); select 2")).isTrue();
            try (ResultSet rs = statement.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            assertThat(statement.getMoreResults()).isFalse();
            assertThat(statement.getUpdateCount()).isEqualTo(1);
            assertThat(statement.getMoreResults()).isTrue();
            try (ResultSet rs = statement.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void emptyQuery() throws SQLException {
        for (String mode : List.of("extended", "simple")) {
            try (Connection connection = connect("preferQueryMode", mode);
                    Statement statement = connection.createStatement()) {
                assertThat(statement.execute("")).isFalse();
                assertThat(statement.execute(" -- nothing")).isFalse();
                try (ResultSet rs = statement.executeQuery("select 9")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(9);
                }
            }
        }
    }

    @Test
    void setReportsChangedParameterAndNoticesArrive() throws SQLException {
        try (Connection connection = connect("ApplicationName", "first")) {
            connection.setClientInfo("ApplicationName", "second");
            assertThat(events.applicationNames).contains("second");
            assertThat(connection.getClientInfo("ApplicationName")).isEqualTo("second");
            try (Statement statement = connection.createStatement()) {
                statement.execute("select warn()");
                SQLWarning warning = statement.getWarnings();
                assertThat((Object) warning).isNotNull();
                assertThat(warning.getMessage()).contains("this is a warning");
            }
        }
    }

    @Test
    void unknownDatabaseIsRefused() {
        assertThatThrownBy(
                        () ->
                                DriverManager.getConnection(
                                        "jdbc:postgresql://127.0.0.1:" + server.port() + "/missing",
                                        "alice",
                                        ""))
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("3D000"));
    }

    @Test
    void sessionClosedWithConnection() throws Exception {
        int before = events.closedSessions.get();
        connect().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.closedSessions.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(events.closedSessions.get()).isGreaterThan(before);
    }

    @Test
    void startupParametersReachTheSession() throws SQLException {
        try (Connection ignored = connect("options", "-c search_path=x")) {
            assertThat(events.lastStartupParameters).containsKeys("user", "database");
            assertThat(events.lastStartupParameters).containsEntry("database", "sluice");
        }
        assertThat(Map.copyOf(events.lastStartupParameters)).isNotEmpty();
    }

    private static void assertTypedRows(ResultSet rs, int firstId) throws SQLException {
        for (Object[] expected : FakeSession.TYPED_ROWS) {
            if ((int) expected[0] < firstId) {
                continue;
            }
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("i")).isEqualTo(expected[0]);
            assertThat(rs.getLong("b")).isEqualTo(expected[1]);
            assertThat(rs.getString("t")).isEqualTo(expected[2]);
            assertThat(rs.getBoolean("f")).isEqualTo(expected[3]);
            LocalDateTime timestamp = (LocalDateTime) expected[4];
            assertThat(rs.getObject("ts", LocalDateTime.class))
                    .isEqualTo(timestamp.withNano(timestamp.getNano() / 1000 * 1000));
            assertThat(rs.getDouble("d")).isEqualTo(expected[5]);
        }
        assertThat(rs.next()).isFalse();
    }
}
