package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestTestingPostgres {
    @Test
    void createsTableInsertsAndSelects() throws Exception {
        TestingPostgres postgres = TestingPostgres.shared();
        String url = postgres.createDatabase("round_trip");

        try (Connection connection =
                        DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pipelines (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("INSERT INTO pipelines VALUES (1, 'orders'), (2, 'clicks')");

            assertThat(names(statement, "SELECT name FROM pipelines ORDER BY id"))
                    .containsExactly("orders", "clicks");
        }
    }

    @Test
    void isolatesCreatedDatabases() throws Exception {
        TestingPostgres postgres = TestingPostgres.shared();
        String first = postgres.createDatabase("Isolation-Test");
        String second = postgres.createDatabase("Isolation-Test");

        assertThat(first).isNotEqualTo(second).contains("/isolation_test_");
        try (Connection connection =
                        DriverManager.getConnection(first, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_first (x int)");
        }
        try (Connection connection =
                        DriverManager.getConnection(second, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM only_in_first"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only_in_first");
        }
    }

    @Test
    void createsNamedDatabaseOnlyOnce() throws Exception {
        TestingPostgres postgres = TestingPostgres.shared();
        String url = postgres.createDatabaseIfMissing("catalog_once");

        assertThat(postgres.createDatabaseIfMissing("catalog_once")).isEqualTo(url);
        try (Connection connection =
                        DriverManager.getConnection(url, postgres.user(), postgres.password());
                Statement statement = connection.createStatement()) {
            assertThat(names(statement, "SELECT current_database()"))
                    .containsExactly("catalog_once");
        }
    }

    @Test
    void connectsToRunningServerWithoutOwningIt() throws Exception {
        TestingPostgres shared = TestingPostgres.shared();
        String urlWithCredentials =
                shared.jdbcUrl() + "?user=" + shared.user() + "&password=" + shared.password();

        try (TestingPostgres external =
                TestingPostgres.connect(urlWithCredentials, shared.user(), shared.password())) {
            assertThat(external.isExternal()).isTrue();
            assertThat(external.createDatabase("external"))
                    .contains("/external_")
                    .endsWith("?user=postgres&password=postgres");
        }
        try (Connection connection = shared.openConnection();
                Statement statement = connection.createStatement()) {
            assertThat(names(statement, "SELECT 'still running'")).containsExactly("still running");
        }
    }

    @Test
    void keepsTablesAcrossRestartOnSameDirectory(@TempDir Path directory) throws Exception {
        TestingPostgres.Options options =
                TestingPostgres.Options.persistent(directory.resolve("pg"));
        try (TestingPostgres postgres = TestingPostgres.startEmbedded(options);
                Connection connection = postgres.openConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE catalog (name text)");
            statement.execute("INSERT INTO catalog VALUES ('kept')");
        }

        try (TestingPostgres postgres = TestingPostgres.startEmbedded(options);
                Connection connection = postgres.openConnection();
                Statement statement = connection.createStatement()) {
            assertThat(names(statement, "SELECT name FROM catalog")).containsExactly("kept");
        }
    }

    @Test
    void runsOperatingSystemBinaries() throws Exception {
        assumeTrue(SystemPostgres.isInstalled(), "no PostgreSQL installed by the operating system");
        TestingPostgres.Options options =
                TestingPostgres.Options.temporary().withBinaries(TestingPostgres.Binaries.SYSTEM);
        try (TestingPostgres postgres = TestingPostgres.startEmbedded(options)) {
            assertThat(postgres.isExternal()).isFalse();
            String url = postgres.createDatabase("system");
            try (Connection connection =
                            DriverManager.getConnection(url, postgres.user(), postgres.password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE t (x text)");
                statement.execute("INSERT INTO t VALUES ('from system binaries')");
                assertThat(names(statement, "SELECT x FROM t"))
                        .containsExactly("from system binaries");
            }
        }
    }

    private static List<String> names(Statement statement, String sql) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            while (resultSet.next()) {
                names.add(resultSet.getString(1));
            }
        }
        return names;
    }
}
