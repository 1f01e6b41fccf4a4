package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestEmbeddedKafka {
    private static final Duration CONSUME_BOUND = Duration.ofSeconds(60);

    @Test
    void producesAndConsumesThroughAutoCreatedTopic() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        String topic = "round-trip-" + UUID.randomUUID();

        produce(kafka, topic, List.of("one", "two", "three"));

        assertThat(consume(kafka, topic, "group-" + UUID.randomUUID(), 3))
                .containsExactly("one", "two", "three");
    }

    @Test
    void createsTopicWithPartitionsIdempotently() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        String topic = "two-partitions-" + UUID.randomUUID();

        kafka.createTopic(topic, 2);
        kafka.createTopic(topic, 2);

        try (Admin admin = admin(kafka)) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(2);
            assertThat(description.partitions())
                    .allSatisfy(partition -> assertThat(partition.leader()).isNotNull());
        }
    }

    @Test
    void sharedInstanceIgnoresClose() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.close();

        assertThat(EmbeddedKafka.shared()).isSameAs(kafka);
        String topic = "after-close-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        try (Admin admin = admin(kafka)) {
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
    }

    @Test
    void keepsTopicsRecordsAndOffsetsAcrossRestartOnSameDirectory(@TempDir Path directory)
            throws Exception {
        String topic = "durable";
        String group = "durable-group";
        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(EmbeddedKafka.Options.persistent(directory))) {
            kafka.createTopic(topic, 1);
            produce(kafka, topic, List.of("kept"));
            assertThat(consume(kafka, topic, group, 1)).containsExactly("kept");
        }
        assertThat(directory.resolve("meta.properties")).exists();

        try (EmbeddedKafka kafka =
                EmbeddedKafka.start(EmbeddedKafka.Options.persistent(directory))) {
            try (Admin admin = admin(kafka)) {
                assertThat(admin.listTopics().names().get()).contains(topic);
                Map<TopicPartition, OffsetAndMetadata> offsets =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                assertThat(offsets.get(new TopicPartition(topic, 0)).offset()).isEqualTo(1);
            }
            assertThat(consume(kafka, topic, "fresh-group", 1)).containsExactly("kept");
        }
    }

    @Test
    void deletesTemporaryDirectoryOnClose() {
        Path directory;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            directory = kafka.dataDirectory();
            assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(directory.resolve("meta.properties")).exists();
        }
        assertThat(Files.exists(directory)).isFalse();
    }

    private static void produce(EmbeddedKafka kafka, String topic, List<String> values)
            throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get();
            }
        }
    }

    private static List<String> consume(
            EmbeddedKafka kafka, String topic, String group, int expectedCount) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(
                        properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + CONSUME_BOUND.toNanos();
            while (values.size() < expectedCount && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }

    private static Admin admin(EmbeddedKafka kafka) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(properties);
    }
}
