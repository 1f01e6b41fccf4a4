package io.sluice.server;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.runtime.ConnectorRegistry;
import io.sluice.executor.runtime.PipelineRunner;
import io.sluice.executor.runtime.ServiceLoaderConnectorRegistry;
import io.sluice.pgwire.PgServer;
import io.sluice.pgwire.PgServerConfig;
import io.sluice.pgwire.PgSessionFactory;
import io.sluice.planner.DdlAnalyzer;
import io.sluice.planner.PipelinePlanner;
import io.sluice.planner.catalog.ConnectionProfile;
import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.server.catalog.CatalogStore;
import io.sluice.server.catalog.UserStore;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.server.http.IngestEndpoint;
import io.sluice.server.http.IngestHttpServer;
import io.sluice.server.lake.LakeQueries;
import io.sluice.server.pgcatalog.CatalogAwareSession;
import io.sluice.server.pgcatalog.PgCatalogQueries;
import io.sluice.server.pgcatalog.PgTls;
import io.sluice.server.pipeline.PipelineManager;
import io.sluice.server.preview.Previews;
import io.sluice.server.session.SessionServices;
import io.sluice.server.session.SluiceSession;
import io.sluice.storage.checkpoint.CheckpointObjectStores;
import io.sluice.storage.checkpoint.CheckpointObjects;
import io.sluice.storage.s3.S3Settings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Sluice process: catalog, pipelines, lake queries, and the pgwire and HTTP endpoints, started
 * in dependency order and closed in reverse. Pipelines the catalog wants running are resumed from
 * their last checkpoint at start.
 */
public final class SluiceServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SluiceServer.class);

    private final CloseableStack resources;
    private final PgServer pgServer;
    private final IngestHttpServer httpServer;
    private final ServerConfig config;

    private SluiceServer(
            CloseableStack resources,
            PgServer pgServer,
            IngestHttpServer httpServer,
            ServerConfig config) {
        this.resources = requireNonNull(resources, "resources is null");
        this.pgServer = requireNonNull(pgServer, "pgServer is null");
        this.httpServer = requireNonNull(httpServer, "httpServer is null");
        this.config = requireNonNull(config, "config is null");
    }

    public static SluiceServer start(ServerConfig config) {
        CloseableStack resources = new CloseableStack();
        try {
            return start(config, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static Optional<CheckpointObjects> checkpointObjects(ServerConfig config) {
        return config.getOptional(Setting.CHECKPOINT_URL)
                .map(
                        url ->
                                CheckpointObjectStores.open(
                                        url,
                                        new S3Settings(
                                                config.getOptional(Setting.CHECKPOINT_S3_ENDPOINT)
                                                        .map(URI::create),
                                                config.get(Setting.CHECKPOINT_S3_REGION),
                                                config.getOptional(
                                                        Setting.CHECKPOINT_S3_ACCESS_KEY_ID),
                                                config.getOptional(
                                                        Setting.CHECKPOINT_S3_SECRET_ACCESS_KEY),
                                                Boolean.parseBoolean(
                                                        config.get(
                                                                Setting
                                                                        .CHECKPOINT_S3_PATH_STYLE)))));
    }

    private static SluiceServer start(ServerConfig config, CloseableStack resources) {
        Path dataDir = config.getPath(Setting.DATA_DIR);
        Path lakeDir =
                config.getOptional(Setting.LAKE_DIR).map(Path::of).orElse(dataDir.resolve("lake"));
        createDirectories(lakeDir);

        CatalogDatabase database =
                CatalogDatabase.open(
                        config.get(Setting.CATALOG_URL),
                        config.get(Setting.CATALOG_USER),
                        config.getOptional(Setting.CATALOG_PASSWORD).orElse(""));
        resources.push(database);
        Optional<CheckpointObjects> checkpointObjects = checkpointObjects(config);
        checkpointObjects.ifPresent(resources::push);
        CatalogStore catalog = new CatalogStore(database.dataSource(), checkpointObjects);
        UserStore users = new UserStore(database.dataSource());
        bootstrapUser(config, users);
        registerConfiguredProfiles(config, catalog);

        ConnectorRegistry connectors = new ServiceLoaderConnectorRegistry();
        BufferAllocator allocator = new RootAllocator();
        resources.push(allocator);
        PipelineRunner runner = new PipelineRunner(connectors, catalog, allocator, System.getenv());
        PipelineManager pipelines =
                new PipelineManager(catalog, runner, config.getDuration(Setting.SHUTDOWN_TIMEOUT));
        resources.push(pipelines);
        LakeQueries lake = LakeQueries.fromConfig(config, dataDir, lakeDir);
        resources.push(lake);

        SessionServices services =
                new SessionServices(
                        catalog,
                        connectors,
                        new DdlAnalyzer(name -> connectors.find(name)),
                        new PipelinePlanner(),
                        pipelines,
                        lake,
                        users,
                        config.getDuration(Setting.CHECKPOINT_INTERVAL),
                        new Previews(
                                new PipelinePlanner(),
                                connectors,
                                allocator,
                                System.getenv(),
                                config.getDuration(Setting.PREVIEW_TIMEOUT)));
        pipelines.recover();

        String kafka =
                config.getOptional(Setting.KAFKA_BOOTSTRAP_SERVERS)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.INVALID_OPTION,
                                                "setting \""
                                                        + Setting.KAFKA_BOOTSTRAP_SERVERS.key()
                                                        + "\" is required for the ingest"
                                                        + " endpoint"));
        IngestEndpoint ingest = IngestEndpoint.start(config, catalog, database.dataSource(), kafka);
        resources.push(ingest);
        IngestHttpServer http = ingest.server();

        PgCatalogQueries pgCatalog =
                new PgCatalogQueries(
                        catalog,
                        PgCatalogQueries.versionText(
                                PgServerConfig.DEFAULT_SERVER_VERSION, SluiceVersion.VERSION));
        resources.push(pgCatalog);
        PgSessionFactory sessions =
                CatalogAwareSession.wrap(
                        pgCatalog,
                        (user, database1, startup) -> new SluiceSession(services, user, startup));
        String host = config.get(Setting.PGWIRE_HOST);
        int port = config.getInt(Setting.PGWIRE_PORT);
        PgServerConfig pgConfig =
                "trust".equalsIgnoreCase(config.get(Setting.AUTH_MODE))
                        ? PgServerConfig.trust(host, port, sessions)
                        : PgServerConfig.scram(host, port, users, sessions);
        pgConfig = PgTls.configure(config, pgConfig);
        PgServer pg = PgServer.start(pgConfig);
        resources.push(pg);
        LOG.info("Sluice {} started", SluiceVersion.VERSION);
        return new SluiceServer(resources, pg, http, config);
    }

    private static void bootstrapUser(ServerConfig config, UserStore users) {
        if (users.hasUsers()) {
            return;
        }
        String user = config.get(Setting.AUTH_BOOTSTRAP_USER);
        if (config.getOptional(Setting.AUTH_BOOTSTRAP_PASSWORD).isPresent()) {
            users.putUser(user, config.get(Setting.AUTH_BOOTSTRAP_PASSWORD), false);
        } else if (!"trust".equalsIgnoreCase(config.get(Setting.AUTH_MODE))) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "the catalog has no user: set \""
                            + Setting.AUTH_BOOTSTRAP_PASSWORD.key()
                            + "\" to create \""
                            + user
                            + "\", or use auth.mode=trust");
        }
    }

    private static void registerConfiguredProfiles(ServerConfig config, CatalogStore catalog) {
        for (Map.Entry<String, Map<String, String>> profile : config.profiles().entrySet()) {
            catalog.createProfile(
                    new ConnectionProfile(profile.getKey(), profile.getValue()),
                    "-- defined in configuration as profile." + profile.getKey() + ".*",
                    true);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new SluiceException(
                    ErrorCode.EXTERNAL_ERROR,
                    "cannot create directory " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    public int pgwirePort() {
        return pgServer.port();
    }

    public int httpPort() {
        return httpServer.port();
    }

    /** What the console shows at start: where each endpoint listens and how to reach it. */
    public String describeEndpoints() {
        String pgHost = config.get(Setting.PGWIRE_HOST);
        String httpHost = config.get(Setting.HTTP_HOST);
        return "Sluice "
                + SluiceVersion.VERSION
                + " is ready\n"
                + "  pgwire   "
                + pgHost
                + ":"
                + pgwirePort()
                + "   psql -h "
                + pgHost
                + " -p "
                + pgwirePort()
                + " -U "
                + config.get(Setting.AUTH_BOOTSTRAP_USER)
                + "\n"
                + "  http     "
                + httpHost
                + ":"
                + httpPort()
                + "   curl -XPOST "
                + httpHost
                + ":"
                + httpPort()
                + "/ingest -d '{...}'   (topic "
                + config.get(Setting.INGEST_TOPIC)
                + ")\n"
                + "  ingest   "
                + ("none".equalsIgnoreCase(config.get(Setting.INGEST_AUTH))
                        ? "no API keys required (ingest.auth=none)"
                        : "API keys required (sluice keys create --config FILE --name N"
                                + " --streams default)");
    }

    @Override
    public void close() {
        resources.close();
    }
}
