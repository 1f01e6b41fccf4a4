package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.SourceContext;
import io.sluice.storage.TestTables;
import io.sluice.testing.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Where a Kafka source starts, what it reads and what it tells the consumer group. */
class KafkaPositionsTest {
    private static final Duration POLL = Duration.ofMillis(100);

    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private BufferAllocator allocator;
    private Admin admin;
    private String topic;
    private TopicPartition partition;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        topic = "positions-" + UUID.randomUUID();
        partition = new TopicPartition(topic, 0);
        kafka.createTopic(topic, 1);
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        admin = Admin.create(properties);
    }

    @AfterEach
    void tearDown() {
        admin.close();
        allocator.close();
    }

    private KafkaSource open(Map<String, String> extra, Optional<byte[]> state) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("bootstrap_servers", kafka.bootstrapServers());
        options.put("topic", topic);
        SourceContext context =
                new SourceContext(
                        "p1",
                        "source",
                        "events",
                        0,
                        1,
                        TestTables.EVENTS,
                        options,
                        state,
                        allocator,
                        (location, reason, payload) -> {});
        return (KafkaSource) new KafkaConnectorFactory().createSource(context);
    }

    private void produce(String... ids) throws Exception {
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers())) {
            for (String id : ids) {
                producer.sendTo(topic, 0, null, record(id)).get();
            }
        }
    }

    private static byte[] record(String id) {
        return ("{\"id\":\"" + id + "\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"t\"}")
                .getBytes(UTF_8);
    }

    private static List<String> read(KafkaSource source, int expected) {
        List<String> ids = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> {
                            VectorSchemaRoot batch = source.poll(POLL);
                            for (int row = 0; row < batch.getRowCount(); row++) {
                                ids.add(batch.getVector("id").getObject(row).toString());
                            }
                            return ids.size() >= expected;
                        });
        return ids;
    }

    private Map<TopicPartition, OffsetAndMetadata> groupOffsets(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    }

    @Test
    void completedCheckpointsAreCommittedToTheGroup() throws Exception {
        produce("a", "b", "c");
        try (KafkaSource source =
                open(
                        Map.of("source.offset", "earliest", "source.group_id_prefix", "lagtool"),
                        Optional.empty())) {
            assertThat(read(source, 3)).containsExactly("a", "b", "c");
            source.snapshotState(7);
            // A checkpoint not completed yet commits nothing.
            source.checkpointCompleted(6);
            source.poll(POLL);
            assertThat(groupOffsets("lagtool-p1-source")).isEmpty();
            source.checkpointCompleted(7);
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                source.poll(POLL);
                                OffsetAndMetadata committed =
                                        groupOffsets("lagtool-p1-source").get(partition);
                                return committed != null && committed.offset() == 3;
                            });
            assertThat(source.partitionStatuses().get(0).committedOffset()).hasValue(3);
        }
        produce("d");
        // Without a checkpoint, 'group' starts where the group's committed offset is.
        try (KafkaSource source =
                open(
                        Map.of("source.offset", "group", "source.group_id", "lagtool-p1-source"),
                        Optional.empty())) {
            assertThat(read(source, 1)).containsExactly("d");
        }
    }

    @Test
    void readCommittedNeverShowsAbortedRecords() throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            producer.initTransactions();
            for (String id : List.of("committed-1", "aborted", "committed-2")) {
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(topic, 0, null, record(id)));
                if (id.equals("aborted")) {
                    // written to the log first, so that only the isolation level hides it
                    producer.flush();
                    producer.abortTransaction();
                } else {
                    producer.commitTransaction();
                }
            }
        }
        try (KafkaSource committed =
                        open(
                                Map.of(
                                        "source.offset",
                                        "earliest",
                                        "source.read_mode",
                                        "read_committed"),
                                Optional.empty());
                KafkaSource uncommitted =
                        open(Map.of("source.offset", "earliest"), Optional.empty())) {
            assertThat(read(uncommitted, 3))
                    .containsExactly("committed-1", "aborted", "committed-2");
            assertThat(read(committed, 2)).containsExactly("committed-1", "committed-2");
        }
    }

    @Test
    void aStoredOffsetDeletedByRetentionStopsTheSource() throws Exception {
        produce("a", "b", "c", "d", "e");
        byte[] state;
        try (KafkaSource source = open(Map.of("source.offset", "earliest"), Optional.empty())) {
            assertThat(read(source, 5)).hasSize(5);
            state = KafkaOffsets.encode(Map.of(0, 2L));
        }
        admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(4))).all().get();
        assertThatThrownBy(() -> open(Map.of(), Optional.of(state)))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_EXCEPTION);
                            assertThat(e.getMessage())
                                    .contains("Kafka topic '" + topic + "' partition 0")
                                    .contains("the offset 2 to resume from")
                                    .contains("the earliest available offset is 4");
                        });
    }

    @Test
    void latestIsTheDefault() throws Exception {
        produce("old");
        try (KafkaSource source = open(Map.of(), Optional.empty())) {
            assertThat(source.poll(POLL).getRowCount()).isZero();
            produce("new");
            assertThat(read(source, 1)).containsExactly("new");
        }
    }
}
