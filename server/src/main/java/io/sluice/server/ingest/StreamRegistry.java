package io.sluice.server.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured streams with their schemas resolved. Schemas are read from the catalog on a thread
 * of their own and kept in memory, so the network threads never wait for the catalog; a table
 * created or changed after start is picked up at the next refresh.
 */
public final class StreamRegistry implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamRegistry.class);

    /** Finds a table's schema; may block. Empty when the table does not exist or has no columns. */
    @FunctionalInterface
    public interface SchemaLookup {
        Optional<EventSchema> find(String table);
    }

    private final IngestStreams streams;
    private final SchemaLookup lookup;
    private volatile Map<String, EventPreparer> preparers = Map.of();
    private ScheduledExecutorService refresher;

    public StreamRegistry(IngestStreams streams, SchemaLookup lookup) {
        this.streams = requireNonNull(streams, "streams is null");
        this.lookup = requireNonNull(lookup, "lookup is null");
        refresh();
    }

    /** Streams without schemas need no catalog. */
    public static StreamRegistry of(IngestStreams streams) {
        return new StreamRegistry(
                streams,
                table -> {
                    throw new IllegalStateException("no catalog to read table " + table);
                });
    }

    public IngestStreams streams() {
        return streams;
    }

    public Optional<IngestStream> stream(String name) {
        return streams.find(name);
    }

    /** The preparer of a stream; empty when the stream is unknown or its schema is not found. */
    public Optional<EventPreparer> preparer(String name) {
        return Optional.ofNullable(preparers.get(name));
    }

    /** Reads every stream's schema again. */
    public void refresh() {
        Map<String, EventPreparer> resolved = new HashMap<>();
        for (IngestStream stream : streams.streams()) {
            if (stream.schemaTable().isEmpty()) {
                resolved.put(stream.name(), new EventPreparer(stream, Optional.empty()));
                continue;
            }
            String table = stream.schemaTable().get();
            try {
                Optional<EventSchema> schema = lookup.find(table);
                if (schema.isPresent()) {
                    resolved.put(stream.name(), new EventPreparer(stream, schema));
                } else {
                    log.warn(
                            "Ingest stream {}: schema table {} not found or has no columns",
                            stream.name(),
                            table);
                }
            } catch (RuntimeException e) {
                // Keep serving with the schema read last time.
                EventPreparer previous = preparers.get(stream.name());
                if (previous != null) {
                    resolved.put(stream.name(), previous);
                }
                log.warn("Ingest stream {}: cannot read schema table {}", stream.name(), table, e);
            }
        }
        preparers = Map.copyOf(resolved);
    }

    /** Refreshes every {@code interval} until closed, if any stream has a schema. */
    public synchronized void startRefreshing(Duration interval) {
        if (refresher != null
                || streams.streams().stream().allMatch(s -> s.schemaTable().isEmpty())) {
            return;
        }
        refresher =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "sluice-ingest-schemas");
                            thread.setDaemon(true);
                            return thread;
                        });
        refresher.scheduleWithFixedDelay(
                this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
            refresher = null;
        }
    }
}
