package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.util.Objects.requireNonNull;

import io.sluice.clients.LoadGenerator;
import io.sluice.testing.EmbeddedKafka;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Preloads a topic with deterministic analytics events from {@link LoadGenerator}: the same seed
 * gives the same records, spread round-robin over the partitions, so every run of every engine
 * reads the same bytes.
 */
public final class WorkloadLoader {
    private static final Logger log = LoggerFactory.getLogger(WorkloadLoader.class);
    private static final byte[] MATCHING_TYPE = "\"type\":\"account_created\"".getBytes(US_ASCII);

    private final EmbeddedKafka kafka;
    private final long seed;

    public WorkloadLoader(EmbeddedKafka kafka, long seed) {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.seed = seed;
    }

    /**
     * Creates {@code topic} and writes {@code events} events into it, waiting until all are acked.
     */
    public Workload load(String topic, int partitions, long events) {
        requireNonNull(topic, "topic is null");
        if (events < 1) {
            throw new IllegalArgumentException("events must be positive: " + events);
        }
        kafka.createTopic(topic, partitions);
        LoadGenerator generator = new LoadGenerator(seed);
        AtomicReference<Exception> failure = new AtomicReference<>();
        long bytes = 0;
        long matching = 0;
        long startNanos = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            for (long i = 0; i < events; i++) {
                byte[] event = generator.next();
                bytes += event.length;
                if (contains(event, MATCHING_TYPE)) {
                    matching++;
                }
                producer.send(
                        new ProducerRecord<>(topic, (int) (i % partitions), null, event),
                        (metadata, exception) -> {
                            if (exception != null) {
                                failure.compareAndSet(null, exception);
                            }
                        });
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot preload topic " + topic, failure.get());
        }
        log.info(
                "Preloaded {} events ({} MB, {} account_created) into {} in {} ms",
                events,
                bytes >> 20,
                matching,
                topic,
                (System.nanoTime() - startNanos) / 1_000_000);
        return new Workload(kafka.bootstrapServers(), topic, partitions, events, bytes, matching);
    }

    private Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "1");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }

    static boolean contains(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
