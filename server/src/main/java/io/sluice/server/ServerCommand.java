package io.sluice.server;

import io.sluice.server.config.ServerConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice server --config FILE}: Sluice against external Postgres, Kafka and object storage.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description =
                "Start Sluice with the catalog, Kafka and lake named in a configuration file.")
final class ServerCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            required = true,
            description = "Properties file; SLUICE_* environment variables override its keys.")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ServerConfig config = ServerConfig.load(configFile, System.getenv());
        SluiceServer server = SluiceServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Shutting down...");
                                    server.close();
                                    stopped.countDown();
                                },
                                "sluice-shutdown"));
        out.println(server.describeEndpoints());
        out.println("Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }
}
