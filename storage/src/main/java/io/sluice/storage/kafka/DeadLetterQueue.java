package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records a source could not decode to a dead-letter topic: key, value and headers
 * unchanged, plus headers saying why and where from. Sends are asynchronous; {@link #flush()} waits
 * for all of them and is called before the source's checkpoint state is handed out, so a checkpoint
 * never covers a bad record that is not durably in the dead-letter topic.
 */
final class DeadLetterQueue implements AutoCloseable {
    static final String ERROR_HEADER = "sluice.error";
    static final String TOPIC_HEADER = "sluice.source.topic";
    static final String PARTITION_HEADER = "sluice.source.partition";
    static final String OFFSET_HEADER = "sluice.source.offset";

    /** Bad records can be large (that may be why they are bad); the broker decides the limit. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    private final String topic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    DeadLetterQueue(String topic, Properties connection, String clientId) {
        this.topic = requireNonNull(topic, "topic is null");
        Properties properties = new Properties();
        properties.putAll(connection);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // Idempotent: a retried send after a lost acknowledgement is not written twice.
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.producer = new KafkaProducer<>(properties);
    }

    void send(ConsumerRecord<byte[], byte[]> record, String reason) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(ERROR_HEADER, reason.getBytes(UTF_8));
        headers.add(TOPIC_HEADER, record.topic().getBytes(UTF_8));
        headers.add(PARTITION_HEADER, Integer.toString(record.partition()).getBytes(UTF_8));
        headers.add(OFFSET_HEADER, Long.toString(record.offset()).getBytes(UTF_8));
        try {
            producer.send(
                    new ProducerRecord<>(topic, null, null, record.key(), record.value(), headers),
                    (metadata, exception) -> {
                        if (exception != null) {
                            failure.compareAndSet(null, exception);
                        }
                    });
        } catch (KafkaException e) {
            throw failed(e);
        }
        checkFailure();
    }

    /** Waits until every record sent so far is acknowledged; fails if any send failed. */
    void flush() {
        try {
            producer.flush();
        } catch (KafkaException e) {
            throw failed(e);
        }
        checkFailure();
    }

    private void checkFailure() {
        Exception exception = failure.get();
        if (exception != null) {
            throw failed(exception);
        }
    }

    private SluiceException failed(Exception cause) {
        return new SluiceException(
                ErrorCode.EXTERNAL_ERROR,
                "cannot write a bad record to the dead-letter topic '"
                        + topic
                        + "': "
                        + cause.getMessage(),
                cause);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
