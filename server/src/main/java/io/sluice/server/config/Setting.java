package io.sluice.server.config;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * Every server setting, with its default and documentation. The configuration reference is
 * generated from this.
 */
public enum Setting {
    DATA_DIR(
            "data.dir",
            "sluice-data",
            "Directory for local state: the lake, checkpoints and embedded services."),
    PGWIRE_HOST("pgwire.host", "127.0.0.1", "Address the PostgreSQL protocol endpoint listens on."),
    PGWIRE_PORT(
            "pgwire.port", "5433", "Port of the PostgreSQL protocol endpoint; 0 picks a free one."),
    HTTP_HOST("http.host", "127.0.0.1", "Address the HTTP endpoint (ingest, health) listens on."),
    HTTP_PORT("http.port", "8088", "Port of the HTTP endpoint; 0 picks a free one."),
    INGEST_TOPIC("ingest.topic", "analytics", "Kafka topic that POST /ingest produces to."),
    AUTH_MODE(
            "auth.mode",
            "scram",
            "How pgwire clients authenticate: scram (SCRAM-SHA-256 against catalog users) or trust"
                    + " (no password)."),
    AUTH_BOOTSTRAP_USER(
            "auth.bootstrap.user",
            "sluice",
            "User created at first start when the catalog has none."),
    AUTH_BOOTSTRAP_PASSWORD(
            "auth.bootstrap.password",
            null,
            "Password of the bootstrap user; required with auth.mode=scram when the catalog has no"
                    + " user."),
    CATALOG_URL(
            "catalog.url",
            null,
            "JDBC URL of the Postgres catalog; unset in dev mode, which embeds Postgres."),
    CATALOG_USER("catalog.user", "postgres", "User of the Postgres catalog."),
    CATALOG_PASSWORD("catalog.password", "", "Password of the Postgres catalog user."),
    KAFKA_BOOTSTRAP_SERVERS(
            "kafka.bootstrap_servers",
            null,
            "Kafka brokers used by the ingest endpoint and by Kafka tables that name no brokers or"
                    + " profile."),
    LAKE_DIR("lake.dir", null, "Local directory of the lake; defaults to <data.dir>/lake."),
    CHECKPOINT_INTERVAL("checkpoint.interval", "10s", "Default checkpoint interval of a pipeline."),
    SHUTDOWN_TIMEOUT(
            "shutdown.timeout", "30s", "How long a clean shutdown waits for pipelines to stop.");

    /** Prefix of connection profiles defined in configuration: {@code profile.<name>.<option>}. */
    public static final String PROFILE_PREFIX = "profile.";

    private final String key;
    private final String defaultValue;
    private final String doc;

    Setting(String key, String defaultValue, String doc) {
        this.key = requireNonNull(key, "key is null");
        this.defaultValue = defaultValue;
        this.doc = requireNonNull(doc, "doc is null");
    }

    public String key() {
        return key;
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public String doc() {
        return doc;
    }

    public String environmentVariable() {
        return "SLUICE_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public static Optional<Setting> byKey(String key) {
        for (Setting setting : values()) {
            if (setting.key.equals(key)) {
                return Optional.of(setting);
            }
        }
        return Optional.empty();
    }
}
