package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.storage.kafka.EventProducer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes ingested events to Kafka through an {@link EventProducer}.
 *
 * <p>A Kafka producer's {@code send} can block: on the first record for a topic it waits for
 * metadata, and with a full buffer it waits for space, each for up to {@code max.block.ms}. So
 * sends run on a thread of their own, never on the network threads, behind a bounded queue of
 * requests; when the queue is full the request fails at once (and its client is told to retry)
 * rather than waiting in memory.
 */
public final class KafkaEventSink implements EventSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaEventSink.class);

    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 1024;

    private final EventProducer producer;
    private final ThreadPoolExecutor sender;

    /** The sink does not own {@code producer}: closing the sink leaves it open. */
    public KafkaEventSink(EventProducer producer) {
        this(producer, DEFAULT_MAX_QUEUED_REQUESTS);
    }

    public KafkaEventSink(EventProducer producer, int maxQueuedRequests) {
        this.producer = requireNonNull(producer, "producer is null");
        if (maxQueuedRequests < 1) {
            throw new IllegalArgumentException(
                    "maxQueuedRequests must be positive: " + maxQueuedRequests);
        }
        this.sender =
                new ThreadPoolExecutor(
                        1,
                        1,
                        0,
                        TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(maxQueuedRequests),
                        runnable -> {
                            Thread thread = new Thread(runnable, "sluice-ingest-kafka-send");
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    @Override
    public CompletableFuture<Void> publish(String topic, List<Event> events) {
        requireNonNull(topic, "topic is null");
        List<EventProducer.Event> records = new ArrayList<>(events.size());
        for (Event event : events) {
            records.add(new EventProducer.Event(topic, event.key(), event.value()));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            sender.execute(
                    () -> {
                        try {
                            producer.sendAll(records)
                                    .whenComplete(
                                            (ignored, failure) -> {
                                                if (failure == null) {
                                                    result.complete(null);
                                                } else {
                                                    result.completeExceptionally(failure);
                                                }
                                            });
                        } catch (RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(
                    new SluiceException(
                            ErrorCode.EXTERNAL_UNAVAILABLE,
                            "too many ingest requests waiting for Kafka",
                            e));
        }
        return result;
    }

    /** Stops the send thread after the queued requests; the producer stays open. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Ingest requests still queued for Kafka after 10 s; dropping them");
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sender.shutdownNow();
        }
    }
}
