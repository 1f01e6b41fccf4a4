package io.sluice.server.http;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where accepted events go. The ingest endpoint answers a client only once the future completes, so
 * an implementation completes it only when every event is durably stored (for Kafka: acked by the
 * broker with {@code acks=all}).
 *
 * <p>{@link #publish} is called on a network thread and must not block: an implementation that may
 * wait (for metadata, for buffer space) hands the work to a thread of its own. A full buffer or an
 * unreachable store is reported by failing the future, which the endpoint turns into a 503 with
 * {@code Retry-After}.
 */
public interface EventSink {
    /**
     * Stores {@code events}, in order, in {@code topic}. The future fails if any event was not
     * stored; the client then retries the whole request.
     */
    CompletableFuture<Void> publish(String topic, List<Event> events);
}
