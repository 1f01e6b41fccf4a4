package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.server.CloseableStack;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.server.ingest.ApiKeyStore;
import io.sluice.server.ingest.ApiKeys;
import io.sluice.server.ingest.EventSchema;
import io.sluice.server.ingest.IngestAccess;
import io.sluice.server.ingest.IngestStreams;
import io.sluice.server.ingest.StreamRegistry;
import io.sluice.storage.kafka.EventProducer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint with everything it needs, built from the server settings: the Kafka producer,
 * the broker health check, the streams with their schemas from the catalog, and the API keys.
 * Closing it closes them all, the listener first.
 */
public final class IngestEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestEndpoint.class);

    /** How often the broker is probed for {@code GET /health}. */
    private static final Duration HEALTH_INTERVAL = Duration.ofSeconds(2);

    /** Values of {@code ingest.auth}. */
    public enum AuthMode {
        KEYS,
        NONE;

        static AuthMode of(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "setting \""
                                + Setting.INGEST_AUTH.key()
                                + "\" must be keys or none, got \""
                                + value
                                + "\"");
            }
        }
    }

    private final CloseableStack resources;
    private final IngestHttpServer server;
    private final AuthMode authMode;

    private IngestEndpoint(CloseableStack resources, IngestHttpServer server, AuthMode authMode) {
        this.resources = resources;
        this.server = server;
        this.authMode = authMode;
    }

    /**
     * Starts the endpoint.
     *
     * @param catalog where stream schemas (Sluice tables) are looked up
     * @param catalogDatabase where API keys are read
     * @param bootstrapServers the Kafka brokers events go to
     */
    public static IngestEndpoint start(
            ServerConfig config,
            CatalogView catalog,
            DataSource catalogDatabase,
            String bootstrapServers) {
        requireNonNull(config, "config is null");
        requireNonNull(catalog, "catalog is null");
        requireNonNull(catalogDatabase, "catalogDatabase is null");
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        AuthMode authMode = AuthMode.of(config.get(Setting.INGEST_AUTH));
        Duration requestTimeout = config.getDuration(Setting.INGEST_REQUEST_TIMEOUT);
        IngestConfig ingestConfig =
                IngestConfig.defaults(config.get(Setting.INGEST_TOPIC))
                        .withHost(config.get(Setting.HTTP_HOST))
                        .withPort(config.getInt(Setting.HTTP_PORT))
                        .withRequestTimeout(requestTimeout)
                        .withHeaderTimeout(config.getDuration(Setting.INGEST_HEADER_TIMEOUT))
                        .withMaxInFlightBytes(
                                Long.parseLong(config.get(Setting.INGEST_MAX_IN_FLIGHT_BYTES)));
        IngestStreams streams =
                IngestStreams.fromSettings(
                        config.get(Setting.INGEST_TOPIC),
                        config.withPrefix(Setting.INGEST_STREAM_PREFIX));
        Duration refresh = config.getDuration(Setting.INGEST_KEYS_REFRESH);

        CloseableStack resources = new CloseableStack();
        try {
            EventProducer producer =
                    new EventProducer(bootstrapServers, producerSettings(requestTimeout));
            resources.push(producer);
            KafkaEventSink sink = new KafkaEventSink(producer);
            resources.push(sink);
            BrokerHealth health = BrokerHealth.start(bootstrapServers, HEALTH_INTERVAL);
            resources.push(health);
            StreamRegistry registry = new StreamRegistry(streams, schemas(catalog));
            registry.startRefreshing(refresh);
            resources.push(registry);
            IngestAccess access;
            if (authMode == AuthMode.KEYS) {
                ApiKeyStore store = new ApiKeyStore(catalogDatabase);
                ApiKeys keys = new ApiKeys(store::activeKeys);
                keys.startRefreshing(refresh);
                resources.push(keys);
                access = IngestAccess.withKeys(keys, config.getInt(Setting.INGEST_RATE_LIMIT));
            } else {
                access = IngestAccess.open();
                log.warn(
                        "HTTP ingest accepts events without API keys ({}=none)",
                        Setting.INGEST_AUTH.key());
            }
            IngestHttpServer server =
                    IngestHttpServer.start(
                            ingestConfig, sink, new IngestMetrics(), health, registry, access);
            resources.push(server);
            return new IngestEndpoint(resources, server, authMode);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /**
     * The producer gives up on a record within the request timeout, so that a broker that is down
     * turns into a 503 the client can act on rather than an answer that never comes.
     */
    private static Map<String, String> producerSettings(Duration requestTimeout) {
        long timeoutMs = Math.max(2000, requestTimeout.toMillis());
        return Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(timeoutMs),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(Math.min(timeoutMs - 100, 30_000)),
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                "2000");
    }

    /** A stream's schema is the declared columns of the Sluice table it names. */
    private static StreamRegistry.SchemaLookup schemas(CatalogView catalog) {
        return name ->
                catalog.table(name)
                        .flatMap(
                                table ->
                                        table.columns()
                                                .map(
                                                        columns ->
                                                                new EventSchema(
                                                                        table.name(),
                                                                        columns,
                                                                        table.primaryKey())));
    }

    public IngestHttpServer server() {
        return server;
    }

    public AuthMode authMode() {
        return authMode;
    }

    @Override
    public void close() {
        resources.close();
    }
}
