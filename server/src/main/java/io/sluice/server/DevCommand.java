package io.sluice.server;

import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.server.dev.DevServices;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice dev}: the whole stack in one process on embedded defaults. Postgres for the catalog
 * and a single-node KRaft broker are started in-process, and the lake is a local directory, so
 * nothing needs installing.
 */
@Command(
        name = "dev",
        mixinStandardHelpOptions = true,
        description = "Start Sluice with an embedded catalog, Kafka broker and local lake.")
final class DevCommand implements Callable<Integer> {
    @Option(
            names = "--data-dir",
            defaultValue = "sluice-data",
            description =
                    "Where the catalog, broker log, lake and checkpoints live (default:"
                            + " ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--pgwire-port",
            defaultValue = "5433",
            description = "PostgreSQL protocol port.")
    int pgwirePort;

    @Option(names = "--http-port", defaultValue = "8088", description = "HTTP ingest port.")
    int httpPort;

    @Option(
            names = "--kafka-port",
            defaultValue = "9092",
            description = "Port of the embedded Kafka broker.")
    int kafkaPort;

    @Option(
            names = "--password",
            description =
                    "Require SCRAM-SHA-256 with this password for user 'sluice' instead of trust"
                            + " auth.")
    String password;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> settings =
                new LinkedHashMap<>(ServerConfig.fromEnvironment(System.getenv()));
        settings.put(Setting.DATA_DIR.key(), dataDir.toAbsolutePath().toString());
        settings.put(Setting.PGWIRE_PORT.key(), Integer.toString(pgwirePort));
        settings.put(Setting.HTTP_PORT.key(), Integer.toString(httpPort));
        // The dev stack takes events without API keys; the server command requires them.
        settings.putIfAbsent(Setting.INGEST_AUTH.key(), "none");
        if (password == null) {
            settings.put(Setting.AUTH_MODE.key(), "trust");
        } else {
            settings.put(Setting.AUTH_MODE.key(), "scram");
            settings.put(Setting.AUTH_BOOTSTRAP_PASSWORD.key(), password);
        }
        DevServices services = DevServices.start(dataDir.toAbsolutePath(), kafkaPort);
        ServerConfig config = services.configure(ServerConfig.of(settings));
        SluiceServer server = SluiceServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Shutting down...");
                                    server.close();
                                    services.close();
                                    stopped.countDown();
                                },
                                "sluice-shutdown"));
        out.println(server.describeEndpoints());
        out.println("  kafka    " + services.bootstrapServers() + "  (embedded KRaft broker)");
        out.println("  catalog  embedded Postgres in " + dataDir.resolve("postgres"));
        if (password == null) {
            out.println(
                    "  auth     trust: any user may connect without a password (dev mode only)");
        }
        out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
