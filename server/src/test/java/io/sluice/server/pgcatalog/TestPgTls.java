package io.sluice.server.pgcatalog;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.server.config.Setting;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/** The pgwire.tls.* settings: pgjdbc with sslmode=require connects over TLS. */
class TestPgTls {
    @TempDir Path directory;

    @Test
    void sslModeRequireConnects() throws Exception {
        Path certificate = directory.resolve("server.crt");
        Path key = directory.resolve("server.key");
        writePem(certificate, key);
        try (CatalogTestServer server =
                CatalogTestServer.start(
                        directory.resolve("data"),
                        Map.of(
                                Setting.PGWIRE_TLS_CERT_FILE.key(), certificate.toString(),
                                Setting.PGWIRE_TLS_KEY_FILE.key(), key.toString()))) {
            Properties properties = new Properties();
            properties.setProperty("user", CatalogTestServer.USER);
            properties.setProperty("password", CatalogTestServer.PASSWORD);
            properties.setProperty("sslmode", "require");
            properties.setProperty("sslfactory", "org.postgresql.ssl.NonValidatingFactory");
            try (Connection connection =
                            DriverManager.getConnection(
                                    "jdbc:postgresql://127.0.0.1:" + server.port() + "/sluice",
                                    properties);
                    Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT current_user")) {
                assertThat(connection.unwrap(PGConnection.class)).isNotNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(CatalogTestServer.USER);
            }
        }
    }

    private void writePem(Path certificatePath, Path keyPath) throws Exception {
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
        Files.writeString(certificatePath, pem("CERTIFICATE", certificate.getEncoded()), US_ASCII);
        Files.writeString(keyPath, pem("PRIVATE KEY", key.getEncoded()), US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN "
                + type
                + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END "
                + type
                + "-----\n";
    }
}
