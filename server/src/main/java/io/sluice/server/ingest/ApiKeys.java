package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active API keys, held in memory by the hash of their secrets and reread from the catalog on a
 * thread of their own. A request is authenticated without touching the catalog, so a flood of bad
 * keys costs the catalog nothing; a revoked key stops working at the next refresh.
 */
public final class ApiKeys implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);

    private final Supplier<List<ApiKeyStore.StoredKey>> source;
    private volatile Map<String, ApiKey> byHash = Map.of();
    private ScheduledExecutorService refresher;

    /** Loads the keys once; {@link #startRefreshing} keeps them current. */
    public ApiKeys(Supplier<List<ApiKeyStore.StoredKey>> source) {
        this.source = requireNonNull(source, "source is null");
        refresh();
    }

    /** The key whose secret this is, if it is active. */
    public Optional<ApiKey> authenticate(String secret) {
        return ApiKeySecrets.hash(secret).map(ApiKeySecrets::hex).map(byHash::get);
    }

    public void refresh() {
        Map<String, ApiKey> keys = new HashMap<>();
        for (ApiKeyStore.StoredKey stored : source.get()) {
            keys.put(stored.hashHex(), stored.key());
        }
        byHash = Map.copyOf(keys);
    }

    public synchronized void startRefreshing(Duration interval) {
        if (refresher != null) {
            return;
        }
        refresher =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "sluice-ingest-keys");
                            thread.setDaemon(true);
                            return thread;
                        });
        refresher.scheduleWithFixedDelay(
                () -> {
                    try {
                        refresh();
                    } catch (RuntimeException e) {
                        // Keep the keys read last time; the catalog may be back next round.
                        log.warn("Cannot reread API keys: {}", e.getMessage());
                    }
                },
                interval.toMillis(),
                interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }
}
