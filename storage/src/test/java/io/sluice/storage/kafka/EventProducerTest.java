package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class EventProducerTest {
    private final EmbeddedKafka kafka = EmbeddedKafka.shared();

    @Test
    void batchCompletesWhenEveryRecordIsAcknowledged() throws Exception {
        String topic = "ingest-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers())) {
            producer.send(topic, "k".getBytes(UTF_8), "first".getBytes(UTF_8))
                    .get(30, TimeUnit.SECONDS);
            List<EventProducer.Event> batch = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                batch.add(new EventProducer.Event(topic, null, ("e" + i).getBytes(UTF_8)));
            }
            producer.sendAll(batch).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                                        ByteArrayDeserializer.class,
                                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                                        ByteArrayDeserializer.class))) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            // Acknowledged means written: the end offset is known without waiting.
            assertThat(consumer.endOffsets(List.of(partition)).get(partition)).isEqualTo(101L);
            List<String> values = new ArrayList<>();
            String firstKey = null;
            for (int poll = 0; poll < 50 && values.size() < 101; poll++) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == 0) {
                        firstKey = new String(record.key(), UTF_8);
                    }
                    values.add(new String(record.value(), UTF_8));
                }
            }
            assertThat(firstKey).isEqualTo("k");
            assertThat(values).hasSize(101).startsWith("first", "e0", "e1").endsWith("e99");
        }
    }
}
