package io.sluice.server.pgcatalog;

import io.sluice.server.SluiceServer;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.testing.EmbeddedKafka;
import io.sluice.testing.TestingPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** A Sluice server with its own catalog and the tables the catalog tests look at. */
final class CatalogTestServer implements AutoCloseable {
    static final String USER = "sluice";
    static final String PASSWORD = "catalog-test-password";

    private final SluiceServer server;

    private CatalogTestServer(SluiceServer server) {
        this.server = server;
    }

    static CatalogTestServer start(Path dataDir, Map<String, String> extraSettings)
            throws SQLException {
        TestingPostgres postgres = TestingPostgres.shared();
        Map<String, String> settings = new HashMap<>();
        settings.put(Setting.DATA_DIR.key(), dataDir.toString());
        settings.put(Setting.PGWIRE_PORT.key(), "0");
        settings.put(Setting.HTTP_PORT.key(), "0");
        settings.put(Setting.AUTH_MODE.key(), "scram");
        settings.put(Setting.AUTH_BOOTSTRAP_PASSWORD.key(), PASSWORD);
        settings.put(Setting.CATALOG_URL.key(), postgres.createDatabase("catalog"));
        settings.put(Setting.CATALOG_USER.key(), postgres.user());
        settings.put(Setting.CATALOG_PASSWORD.key(), postgres.password());
        settings.put(
                Setting.KAFKA_BOOTSTRAP_SERVERS.key(), EmbeddedKafka.shared().bootstrapServers());
        settings.put(Setting.INGEST_TOPIC.key(), "catalog-test");
        settings.putAll(extraSettings);
        CatalogTestServer server =
                new CatalogTestServer(SluiceServer.start(ServerConfig.of(settings)));
        Path lake = dataDir.resolve("lake").resolve("account_created").toAbsolutePath();
        try (Connection connection = server.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "create table events (id TEXT PRIMARY KEY, timestamp TIMESTAMP NOT NULL,"
                            + " user_id TEXT, type TEXT NOT NULL, amount DECIMAL(10, 2),"
                            + " properties JSON) with (connector = 'kafka', bootstrap_servers ="
                            + " '127.0.0.1:9', topic = 'analytics', format = 'json', type ="
                            + " 'source')");
            statement.execute(
                    "create table account_created (id TEXT, user_id TEXT, signup_count BIGINT)"
                            + " with (connector = 'filesystem', path = 'file://"
                            + lake
                            + "', format = 'parquet')");
        }
        return server;
    }

    int port() {
        return server.pgwirePort();
    }

    Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port() + "/sluice", properties);
    }

    @Override
    public void close() {
        server.close();
    }
}
