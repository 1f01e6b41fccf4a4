package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import io.sluice.storage.TestTables;
import io.sluice.testing.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A poison corpus produced straight into a topic, interleaved with good records: every bad_data
 * mode accounts for every record (read = emitted + dropped + dead-lettered).
 */
class KafkaBadRecordsTest {
    private static final Duration POLL = Duration.ofMillis(200);

    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private BufferAllocator allocator;
    private String topic;
    private List<byte[]> corpus;
    private List<Long> badOffsets;

    @BeforeEach
    void setUp() throws Exception {
        allocator = new RootAllocator();
        topic = "poison-" + UUID.randomUUID();
        kafka.createTopic(topic, 1);
        corpus = new ArrayList<>();
        badOffsets = new ArrayList<>();
        good("g0");
        bad("{\"id\":\"truncated\",\"timestamp\":\"2025-01-15T17:2".getBytes(UTF_8));
        good("g1");
        bad(
                concat(
                        "{\"id\":\"".getBytes(UTF_8),
                        new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3},
                        "\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"t\"}"
                                .getBytes(UTF_8)));
        bad(
                "{\"id\":\"w\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":{\"nested\":1}}"
                        .getBytes(UTF_8));
        good("g2");
        bad(
                ("{\"id\":\"deep\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"t\","
                                + "\"properties\":"
                                + "[".repeat(10_000)
                                + "]".repeat(10_000)
                                + "}")
                        .getBytes(UTF_8));
        bad(
                ("{\"id\":\"huge\",\"timestamp\":" + "9".repeat(5_000) + ",\"type\":\"t\"}")
                        .getBytes(UTF_8));
        good("g3");
        bad(
                ("{\"id\":\"big\",\"timestamp\":\""
                                + "x".repeat(10 * 1024 * 1024)
                                + "\",\"type\":\"t\"}")
                        .getBytes(UTF_8));
        bad(new byte[0]);
        good("g4");
        try (EventProducer producer =
                new EventProducer(
                        kafka.bootstrapServers(),
                        Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "16000000"))) {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (byte[] value : corpus) {
                sent.add(producer.sendTo(topic, 0, "k".getBytes(UTF_8), value));
            }
            for (CompletableFuture<Void> future : sent) {
                future.get();
            }
        }
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private void good(String id) {
        corpus.add(
                ("{\"id\":\"" + id + "\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"t\"}")
                        .getBytes(UTF_8));
    }

    private void bad(byte[] value) {
        badOffsets.add((long) corpus.size());
        corpus.add(value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private KafkaSource open(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("bootstrap_servers", kafka.bootstrapServers());
        options.put("topic", topic);
        options.put("source.offset", "earliest");
        SourceContext context =
                new SourceContext(
                        "p1",
                        "source",
                        "events",
                        0,
                        1,
                        TestTables.EVENTS,
                        options,
                        Optional.empty(),
                        allocator,
                        (location, reason, payload) -> {});
        return (KafkaSource) new KafkaConnectorFactory().createSource(context);
    }

    /** Reads until every record of the corpus is accounted for; returns the ids emitted. */
    private List<String> readAll(KafkaSource source) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            VectorSchemaRoot batch = source.poll(POLL);
                            for (int row = 0; row < batch.getRowCount(); row++) {
                                ids.add(batch.getVector("id").getObject(row).toString());
                            }
                            return status(source).read() == corpus.size();
                        });
        return ids;
    }

    private static KafkaPartitionStatus status(KafkaSource source) {
        return source.partitionStatuses().get(0);
    }

    @Test
    void dropCountsEveryBadRecord() {
        try (KafkaSource source = open(Map.of("bad_data", "drop"))) {
            assertThat(readAll(source)).containsExactly("g0", "g1", "g2", "g3", "g4");
            KafkaPartitionStatus status = status(source);
            assertThat(status.emitted()).isEqualTo(5);
            assertThat(status.dropped()).isEqualTo(badOffsets.size());
            assertThat(status.deadLettered()).isZero();
            assertThat(status.read())
                    .isEqualTo(status.emitted() + status.dropped() + status.deadLettered())
                    .isEqualTo(corpus.size());
            assertThat(status.position()).isEqualTo(corpus.size());
        }
    }

    @Test
    void failNamesTheFirstBadRecord() {
        try (Source source = open(Map.of())) {
            assertThatThrownBy(
                            () -> {
                                for (int poll = 0; poll < 100; poll++) {
                                    source.poll(POLL);
                                }
                            })
                    .isInstanceOfSatisfying(
                            SluiceException.class,
                            e -> {
                                assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_EXCEPTION);
                                assertThat(e.getMessage())
                                        .contains("Kafka topic '" + topic + "'")
                                        .contains("partition 0")
                                        .contains("offset " + badOffsets.get(0));
                            });
        }
    }

    @Test
    void deadLetterTopicReceivesEveryBadRecordBeforeTheCheckpoint() {
        String deadLetterTopic = topic + "-dlq";
        kafka.createTopic(deadLetterTopic, 1);
        try (KafkaSource source = open(Map.of("bad_data", "dlq", "dlq.topic", deadLetterTopic))) {
            assertThat(readAll(source)).containsExactly("g0", "g1", "g2", "g3", "g4");
            KafkaPartitionStatus status = status(source);
            assertThat(status.deadLettered()).isEqualTo(badOffsets.size());
            assertThat(status.dropped()).isZero();
            assertThat(status.read())
                    .isEqualTo(status.emitted() + status.deadLettered())
                    .isEqualTo(corpus.size());
            source.snapshotState(1);
            // The checkpoint state is handed out only after the dead letters are acknowledged,
            // so they are all readable right now.
            List<ConsumerRecord<byte[], byte[]>> letters = readDeadLetters(deadLetterTopic);
            assertThat(letters).hasSize(badOffsets.size());
            for (int i = 0; i < letters.size(); i++) {
                ConsumerRecord<byte[], byte[]> letter = letters.get(i);
                long offset = badOffsets.get(i);
                assertThat(header(letter, DeadLetterQueue.TOPIC_HEADER)).isEqualTo(topic);
                assertThat(header(letter, DeadLetterQueue.PARTITION_HEADER)).isEqualTo("0");
                assertThat(header(letter, DeadLetterQueue.OFFSET_HEADER))
                        .isEqualTo(Long.toString(offset));
                assertThat(header(letter, DeadLetterQueue.ERROR_HEADER)).isNotBlank();
                assertThat(letter.key()).isEqualTo("k".getBytes(UTF_8));
                assertThat(letter.value()).isEqualTo(corpus.get((int) offset));
            }
        }
    }

    @Test
    void dlqNeedsATopic() {
        assertThatThrownBy(() -> open(Map.of("bad_data", "dlq")))
                .hasMessageContaining("needs the option 'dlq.topic'");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), UTF_8);
    }

    private List<ConsumerRecord<byte[], byte[]>> readDeadLetters(String deadLetterTopic) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(deadLetterTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                consumer.poll(POLL).forEach(letters::add);
                                return letters.size() >= end;
                            });
        }
        return letters;
    }
}
