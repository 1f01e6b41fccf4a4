package io.sluice.server.dev;

import static java.util.Objects.requireNonNull;

import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.testing.EmbeddedKafka;
import io.sluice.testing.TestingPostgres;
import java.nio.file.Path;

/**
 * The services {@code sluice dev} embeds instead of asking the user to install them: Postgres for
 * the catalog and a single-node KRaft broker. Both keep their data under the data directory, so a
 * restart finds its catalog, topics and offsets again.
 */
public final class DevServices implements AutoCloseable {
    private final TestingPostgres postgres;
    private final EmbeddedKafka kafka;

    private DevServices(TestingPostgres postgres, EmbeddedKafka kafka) {
        this.postgres = requireNonNull(postgres, "postgres is null");
        this.kafka = requireNonNull(kafka, "kafka is null");
    }

    public static DevServices start(Path dataDir, int kafkaPort) {
        TestingPostgres postgres =
                TestingPostgres.startEmbedded(
                        TestingPostgres.Options.persistent(dataDir.resolve("postgres")));
        try {
            EmbeddedKafka kafka =
                    EmbeddedKafka.start(
                            EmbeddedKafka.Options.persistent(dataDir.resolve("kafka"))
                                    .withBrokerPort(kafkaPort));
            return new DevServices(postgres, kafka);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Points the catalog and Kafka settings of {@code config} at the embedded services. */
    public ServerConfig configure(ServerConfig config) {
        String catalogUrl = postgres.createDatabaseIfMissing("sluice");
        return config.with(Setting.CATALOG_URL, catalogUrl)
                .with(Setting.CATALOG_USER, postgres.user())
                .with(Setting.CATALOG_PASSWORD, postgres.password())
                .with(Setting.KAFKA_BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
