package io.sluice.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
        Path keystore = directory.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process =
                new ProcessBuilder(
                                List.of(
                                        keytool.toString(),
                                        "-genkeypair",
                                        "-alias",
                                        "server",
                                        "-keyalg",
                                        "EC",
                                        "-groupname",
                                        "secp256r1",
                                        "-dname",
                                        "CN=localhost",
                                        "-validity",
                                        "2",
                                        "-storetype",
                                        "PKCS12",
                                        "-keystore",
                                        keystore.toString(),
                                        "-storepass",
                                        "changeit"))
                        .redirectErrorStream(true)
                        .start();
        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", "changeit".toCharArray());
        X509Certificate certificate = (X509Certificate) store.getCertificate("server");
        return SslContextBuilder.forServer(key, certificate).build();
    }
}
