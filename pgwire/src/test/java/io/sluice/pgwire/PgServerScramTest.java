package io.sluice.pgwire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** SCRAM-SHA-256 with pgjdbc and with the psql binary. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgServerScramTest {
    private static final Path PSQL = Path.of("/usr/bin/psql");

    private final FakeSession.Events events = new FakeSession.Events();
    private final Map<String, ScramCredentials> users =
            Map.of("alice", ScramCredentials.fromPassword("s3cret"));
    private PgServer server;

    @BeforeAll
    void startServer() {
        PgCredentialStore store = user -> Optional.ofNullable(users.get(user));
        server =
                PgServer.start(
                        PgServerConfig.scram("127.0.0.1", 0, store, FakeSession.factory(events)));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    private Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/sluice", user, password);
    }

    @Test
    void rightPasswordIsAccepted() throws SQLException {
        try (Connection connection = connect("alice", "s3cret");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select 11")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(11);
            assertThat(connection.getMetaData().getDatabaseMajorVersion()).isEqualTo(16);
        }
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlike() {
        assertThatThrownBy(() -> connect("alice", "wrong"))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> {
                            assertThat(e.getSQLState()).isEqualTo("28P01");
                            assertThat(e.getMessage())
                                    .contains("password authentication failed for user \"alice\"");
                        });
        assertThatThrownBy(() -> connect("mallory", "s3cret"))
                .isInstanceOfSatisfying(
                        SQLException.class,
                        e -> {
                            assertThat(e.getSQLState()).isEqualTo("28P01");
                            assertThat(e.getMessage())
                                    .contains(
                                            "password authentication failed for user \"mallory\"");
                        });
    }

    @Test
    void psqlRunsQueryWithScram() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed");
        PsqlRun run = psql("s3cret", "select 1");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("1");

        PsqlRun several = psql("s3cret", "select 1; select 2");
        assertThat(several.exitCode()).as(several.stderr()).isZero();
        assertThat(several.stdout().lines().toList()).contains("2");

        PsqlRun failing = psql("s3cret", "select broken");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(failing.stderr()).contains("column \"broken\" does not exist");
    }

    @Test
    void psqlWrongPasswordIsRejected() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed");
        PsqlRun run = psql("nope", "select 1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).contains("password authentication failed for user \"alice\"");
    }

    private record PsqlRun(int exitCode, String stdout, String stderr) {}

    private PsqlRun psql(String password, String sql) throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(
                        List.of(
                                PSQL.toString(),
                                "-X",
                                "-A",
                                "-t",
                                "-h",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(server.port()),
                                "-U",
                                "alice",
                                "-d",
                                "sluice",
                                "-c",
                                sql));
        builder.environment().put("PGPASSWORD", password);
        builder.environment().put("PGCONNECT_TIMEOUT", "20");
        builder.environment().remove("PGSERVICE");
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new PsqlRun(
                process.exitValue(),
                new String(process.getInputStream().readAllBytes(), UTF_8),
                new String(process.getErrorStream().readAllBytes(), UTF_8));
    }
}
