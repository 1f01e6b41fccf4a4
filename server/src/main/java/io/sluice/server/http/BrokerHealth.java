package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers, checked with {@code describeCluster} on a thread of its own
 * every {@code interval} and kept in memory: {@code GET /health} and the ingest path read the last
 * answer and never wait for the broker.
 */
public final class BrokerHealth implements BooleanSupplier, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerHealth.class);

    private final Admin admin;
    private final Duration interval;
    private final ScheduledExecutorService checker;
    private volatile boolean reachable;

    private BrokerHealth(Admin admin, Duration interval) {
        this.admin = requireNonNull(admin, "admin is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.checker =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "sluice-ingest-health");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Checks once now, then every {@code interval}. */
    public static BrokerHealth start(String bootstrapServers, Duration interval) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-ingest-health");
        int timeoutMs = (int) Math.max(500, interval.toMillis());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        BrokerHealth health = new BrokerHealth(Admin.create(properties), interval);
        health.check();
        health.checker.scheduleWithFixedDelay(
                health::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return health;
    }

    @Override
    public boolean getAsBoolean() {
        return reachable;
    }

    private void check() {
        boolean now;
        try {
            int nodes =
                    admin.describeCluster(
                                    new DescribeClusterOptions()
                                            .timeoutMs((int) Math.max(500, interval.toMillis())))
                            .nodes()
                            .get(interval.toMillis() + 1000, TimeUnit.MILLISECONDS)
                            .size();
            now = nodes > 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            now = false;
        }
        if (now != reachable) {
            log.info("Kafka is {}", now ? "reachable" : "unreachable");
        }
        reachable = now;
    }

    @Override
    public void close() {
        checker.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
