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
    PGWIRE_TLS_CERT_FILE(
            "pgwire.tls.cert_file",
            null,
            "PEM certificate chain the PostgreSQL endpoint presents; with pgwire.tls.key_file it"
                    + " enables TLS (sslmode=require)."),
    PGWIRE_TLS_KEY_FILE(
            "pgwire.tls.key_file",
            null,
            "PEM private key (PKCS#8, unencrypted) of pgwire.tls.cert_file."),
    HTTP_HOST("http.host", "127.0.0.1", "Address the HTTP endpoint (ingest, health) listens on."),
    HTTP_PORT("http.port", "8088", "Port of the HTTP endpoint; 0 picks a free one."),
    INGEST_TOPIC("ingest.topic", "analytics", "Kafka topic that POST /ingest produces to."),
    INGEST_AUTH(
            "ingest.auth",
            "keys",
            "Who may post events: keys (an API key from 'sluice keys create' in an Authorization:"
                    + " Bearer header) or none (anyone; sluice dev's default)."),
    INGEST_RATE_LIMIT(
            "ingest.rate_limit",
            "10000",
            "Events per second one API key may post (a token bucket holding one second's worth);"
                    + " a key created with --rate has its own."),
    INGEST_KEYS_REFRESH(
            "ingest.keys.refresh",
            "5s",
            "How often the server rereads API keys from the catalog; a revoked key stops working"
                    + " within this time."),
    INGEST_HEADER_TIMEOUT(
            "ingest.header_timeout",
            "10s",
            "Time a connection has to send a complete request head, from its opening or from the"
                    + " previous answer; idle keep-alive connections close after it too."),
    INGEST_REQUEST_TIMEOUT(
            "ingest.request_timeout",
            "30s",
            "Time from a request's head to the broker's acknowledgement of its events; then 408"
                    + " (body too slow) or 503."),
    INGEST_MAX_IN_FLIGHT_BYTES(
            "ingest.max_in_flight_bytes",
            "67108864",
            "Bytes of events waiting for the broker, over all requests; beyond it requests get 429"
                    + " with Retry-After."),
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
    LAKE_CACHE_DIR(
            "lake.cache.dir",
            null,
            "Local directory caching objects of lake tables on S3 for queries; defaults to"
                    + " <data.dir>/lake-cache."),
    LAKE_CACHE_MAX_SIZE(
            "lake.cache.max_size",
            "10GB",
            "Size the lake object cache is kept under, least recently used objects evicted first;"
                    + " objects a running query reads are kept even beyond it."),
    LAKE_QUERY_TIMEOUT(
            "lake.query.timeout",
            "5m",
            "How long a query over lake tables may run, results included; then it is canceled"
                    + " (57014). Compaction keeps replaced files this long."),
    LAKE_QUERY_MEMORY_LIMIT(
            "lake.query.memory_limit",
            null,
            "Memory DuckDB may use for all lake queries together (e.g. 2GB); a query needing more"
                    + " fails with 54000. Defaults to 80% of the machine's memory."),
    LAKE_QUERY_THREADS(
            "lake.query.threads",
            null,
            "Threads DuckDB uses for lake queries; defaults to one per core."),
    LAKE_VACUUM_MIN_RETENTION(
            "lake.vacuum.min_retention",
            "168h",
            "Shortest retention VACUUM accepts; lower it only when no query, pipeline or other"
                    + " reader can still need files older versions reference."),
    CHECKPOINT_INTERVAL("checkpoint.interval", "10s", "Default checkpoint interval of a pipeline."),
    CHECKPOINT_URL(
            "checkpoint.url",
            null,
            "Where checkpoint state is stored: s3://bucket/prefix, file:///directory or a"
                + " directory; the catalog records each checkpoint and where its state is. Unset:"
                + " the state is kept in the catalog itself."),
    CHECKPOINT_S3_ENDPOINT(
            "checkpoint.s3.endpoint",
            null,
            "Endpoint of an S3-compatible store for an s3:// checkpoint.url; AWS when unset."),
    CHECKPOINT_S3_REGION("checkpoint.s3.region", "us-east-1", "S3 region of checkpoint.url."),
    CHECKPOINT_S3_ACCESS_KEY_ID(
            "checkpoint.s3.access_key_id",
            null,
            "Access key id for checkpoint.url; unset: the AWS default credential chain."),
    CHECKPOINT_S3_SECRET_ACCESS_KEY(
            "checkpoint.s3.secret_access_key",
            null,
            "Secret access key for checkpoint.url (prefer the environment variable)."),
    CHECKPOINT_S3_PATH_STYLE(
            "checkpoint.s3.path_style",
            "false",
            "Address the checkpoint bucket as endpoint/bucket; most emulators need it."),
    PREVIEW_TIMEOUT(
            "preview.timeout",
            "10s",
            "How long a SELECT over a source table (a preview of the stream) waits for rows when no"
                    + " LIMIT ends it first; sessions change it with SET preview_timeout."),
    SHUTDOWN_TIMEOUT(
            "shutdown.timeout", "30s", "How long a clean shutdown waits for pipelines to stop.");

    /** Prefix of connection profiles defined in configuration: {@code profile.<name>.<option>}. */
    public static final String PROFILE_PREFIX = "profile.";

    /**
     * Prefix of named ingest streams: {@code ingest.stream.<name>.<option>}, served at {@code POST
     * /ingest/<name>}.
     */
    public static final String INGEST_STREAM_PREFIX = "ingest.stream.";

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
