package io.sluice.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SSLRequest answered 'S' and a TLS handshake, with a key made by the JDK's keytool. */
class PgServerTlsTest {
    @TempDir Path directory;

    @Test
    void pgjdbcConnectsOverTls() throws Exception {
        SslContext context = serverContext();
        FakeSession.Events events = new FakeSession.Events();
        try (PgServer server =
                PgServer.start(
                        PgServerConfig.trust("127.0.0.1", 0, FakeSession.factory(events))
                                .withSslContext(context))) {
            Properties properties = new Properties();
            properties.setProperty("user", "alice");
            properties.setProperty("sslmode", "require");
            properties.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            try (Connection connection =
                            DriverManager.getConnection(
                                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/sluice",
                                    properties);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("select 3")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void requiredTlsFailsWithoutContext() {
        FakeSession.Events events = new FakeSession.Events();
        try (PgServer server =
                PgServer.start(PgServerConfig.trust("127.0.0.1", 0, FakeSession.factory(events)))) {
            Properties properties = new Properties();
            properties.setProperty("user", "alice");
            properties.setProperty("sslmode", "require");
            assertThatThrownBy(
                            () ->
                                    DriverManager.getConnection(
                                            "jdbc:postgresql://127.0.0.1:"
                                                    + server.port()
                                                    + "/sluice",
                                            properties))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("SSL");
        }
    }

    private SslContext serverContext() throws Exception {
        return SelfSignedContext.create(directory);
    }
}
