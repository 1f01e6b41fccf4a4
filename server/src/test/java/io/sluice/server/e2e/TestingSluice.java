package io.sluice.server.e2e;

import static java.util.Objects.requireNonNull;

import io.sluice.server.SluiceServer;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.testing.EmbeddedKafka;
import io.sluice.testing.TestingPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Sluice server on the shared test services, with its own catalog database, data directory and
 * ingest topic. {@link #restart()} stops it and starts it again on the same catalog and
 * directories, as an operator would.
 */
final class TestingSluice implements AutoCloseable {
    static final String USER = "sluice";
    static final String PASSWORD = "s3cret-test-password";

    private final ServerConfig config;
    private SluiceServer server;

    private TestingSluice(ServerConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.server = SluiceServer.start(config);
    }

    static TestingSluice start(Path dataDir, String ingestTopic) {
        TestingPostgres postgres = TestingPostgres.shared();
        Map<String, String> settings = new HashMap<>();
        settings.put(Setting.DATA_DIR.key(), dataDir.toString());
        settings.put(Setting.PGWIRE_PORT.key(), "0");
        settings.put(Setting.HTTP_PORT.key(), "0");
        settings.put(Setting.AUTH_MODE.key(), "scram");
        settings.put(Setting.AUTH_BOOTSTRAP_PASSWORD.key(), PASSWORD);
        settings.put(Setting.CATALOG_URL.key(), postgres.createDatabase("sluice"));
        settings.put(Setting.CATALOG_USER.key(), postgres.user());
        settings.put(Setting.CATALOG_PASSWORD.key(), postgres.password());
        settings.put(
                Setting.KAFKA_BOOTSTRAP_SERVERS.key(), EmbeddedKafka.shared().bootstrapServers());
        settings.put(Setting.INGEST_TOPIC.key(), ingestTopic);
        settings.put(Setting.INGEST_AUTH.key(), "none");
        settings.put(Setting.CHECKPOINT_INTERVAL.key(), "1s");
        // checkpoint state in files under the data directory, as a deployment with S3 keeps it
        settings.put(Setting.CHECKPOINT_URL.key(), dataDir.resolve("checkpoints").toString());
        // Previews nobody feeds end soon, so scripts that preview a quiet stream stay quick.
        settings.put(Setting.PREVIEW_TIMEOUT.key(), "2s");
        return new TestingSluice(ServerConfig.of(settings));
    }

    void restart() {
        server.close();
        server = SluiceServer.start(config);
    }

    int pgwirePort() {
        return server.pgwirePort();
    }

    URI ingestUri() {
        return URI.create("http://127.0.0.1:" + server.httpPort() + "/ingest");
    }

    String kafkaBootstrapServers() {
        return config.get(Setting.KAFKA_BOOTSTRAP_SERVERS);
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + pgwirePort() + "/sluice", properties);
    }

    @Override
    public void close() {
        server.close();
    }
}
