package io.sluice.storage.kafka;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes events into Kafka for the HTTP ingest path. Idempotent and acknowledged by all in-sync
 * replicas, so an event the caller was told is accepted survives a broker failure and is never
 * duplicated by the producer's own retries. Thread-safe.
 */
public final class EventProducer implements AutoCloseable {
    /** One record to send; {@code key} may be null (the partition is then chosen round-robin). */
    public record Event(String topic, byte[] key, byte[] value) {
        public Event {
            requireNonNull(topic, "topic is null");
            requireNonNull(value, "value is null");
        }
    }

    private final KafkaProducer<byte[], byte[]> producer;

    /**
     * @param bootstrapServers the brokers, {@code host:port[,host:port...]}
     * @param extraConfigs further producer settings; they override the defaults above except
     *     idempotence and acks
     */
    public EventProducer(String bootstrapServers, Map<String, String> extraConfigs) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        Properties properties = new Properties();
        properties.putAll(extraConfigs);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "sluice-ingest");
        this.producer = new KafkaProducer<>(properties);
    }

    public EventProducer(String bootstrapServers) {
        this(bootstrapServers, Map.of());
    }

    /** Sends one record; the future completes when the broker acknowledged it. */
    public CompletableFuture<Void> send(String topic, byte[] key, byte[] value) {
        return send(new Event(topic, key, value), null);
    }

    /** Sends one record to a given partition; the future completes once it is acknowledged. */
    public CompletableFuture<Void> sendTo(String topic, int partition, byte[] key, byte[] value) {
        return send(new Event(topic, key, value), partition);
    }

    /** Sends records in order; the future completes once the broker acknowledged every one. */
    public CompletableFuture<Void> sendAll(List<Event> events) {
        CompletableFuture<?>[] futures = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < futures.length; i++) {
            futures[i] = send(events.get(i), null);
        }
        return CompletableFuture.allOf(futures);
    }

    private CompletableFuture<Void> send(Event event, Integer partition) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            producer.send(
                    new ProducerRecord<>(event.topic(), partition, event.key(), event.value()),
                    (metadata, error) -> {
                        if (error == null) {
                            result.complete(null);
                        } else {
                            result.completeExceptionally(failure(event.topic(), error));
                        }
                    });
        } catch (KafkaException | IllegalStateException e) {
            result.completeExceptionally(failure(event.topic(), e));
        }
        return result;
    }

    private static SluiceException failure(String topic, Throwable error) {
        return new SluiceException(
                ErrorCode.EXTERNAL_UNAVAILABLE,
                "cannot write to Kafka topic '" + topic + "': " + error.getMessage(),
                error);
    }

    /** Sends what is buffered and closes, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
