package io.sluice.storage.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.executor.spi.Source;
import io.sluice.executor.spi.SourceContext;
import io.sluice.storage.TestTables;
import io.sluice.testing.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KafkaSourceTest {
    private static final Path EVENT_JSON = Path.of("src/test/resources/event.json");
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int MAX_POLLS = 100;

    private final EmbeddedKafka kafka = EmbeddedKafka.shared();
    private final List<String> badRecords = new ArrayList<>();
    private BufferAllocator allocator;
    private String topic;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        topic = "events-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    private void produce(int partition, String... values) throws Exception {
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers())) {
            List<java.util.concurrent.CompletableFuture<Void>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.sendTo(topic, partition, null, value.getBytes(UTF_8)));
            }
            for (var future : sent) {
                future.get();
            }
        }
    }

    private Source open(
            RowSchema schema,
            Map<String, String> extra,
            int subtask,
            int parallelism,
            Optional<byte[]> state) {
        Map<String, String> options = new HashMap<>(extra);
        options.put("bootstrap_servers", kafka.bootstrapServers());
        options.put("topic", topic);
        options.putIfAbsent("format", "json");
        options.putIfAbsent("source.offset", "earliest");
        SourceContext context =
                new SourceContext(
                        "p1",
                        "source",
                        "events",
                        subtask,
                        parallelism,
                        schema,
                        options,
                        state,
                        allocator,
                        (location, reason, payload) -> badRecords.add(location + ": " + reason));
        return new KafkaConnectorFactory().createSource(context);
    }

    /** Polls until {@code expected} rows arrived, returning each row's values as text. */
    private static List<List<String>> read(Source source, int expected) {
        List<List<String>> rows = new ArrayList<>();
        for (int poll = 0; poll < MAX_POLLS && rows.size() < expected; poll++) {
            VectorSchemaRoot batch = source.poll(POLL);
            for (int row = 0; row < batch.getRowCount(); row++) {
                List<String> values = new ArrayList<>();
                for (int column = 0; column < batch.getFieldVectors().size(); column++) {
                    Object value = batch.getVector(column).getObject(row);
                    values.add(value == null ? null : value.toString());
                }
                rows.add(values);
            }
        }
        return rows;
    }

    @Test
    void decodesTheArticleEventIntoDeclaredColumns() throws Exception {
        kafka.createTopic(topic, 1);
        String event = Files.readString(EVENT_JSON);
        produce(0, event);
        try (Source source = open(TestTables.EVENTS, Map.of(), 0, 1, Optional.empty())) {
            VectorSchemaRoot batch = null;
            for (int poll = 0; poll < MAX_POLLS; poll++) {
                batch = source.poll(POLL);
                if (batch.getRowCount() > 0) {
                    break;
                }
            }
            assertThat(batch.getRowCount()).isEqualTo(1);
            assertThat(batch.getVector("id").getObject(0).toString())
                    .isEqualTo("687ed5c8-908d-467f-97e6-54bd83d9d170");
            assertThat(((TimeStampVector) batch.getVector("timestamp")).get(0))
                    .isEqualTo(
                            ChronoUnit.MICROS.between(
                                    Instant.EPOCH, Instant.parse("2025-01-15T17:24:53Z")));
            assertThat(batch.getVector("platform").getObject(0).toString()).isEqualTo("ios");
            assertThat(batch.getVector("type").getObject(0).toString())
                    .isEqualTo("account_created");
            String properties =
                    new String(((VarCharVector) batch.getVector("properties")).get(0), UTF_8);
            int start = event.indexOf("{\n\"signup_method\"");
            assertThat(properties).isEqualTo(event.substring(start, event.indexOf('}', start) + 1));
        }
    }

    @Test
    void unstructuredJsonKeepsTheWholeRecord() throws Exception {
        kafka.createTopic(topic, 1);
        produce(0, "{\"a\": [1, 2]}", "  {\"b\":null}");
        RowSchema schema = new RowSchema(List.of(new Column("value", SqlType.of(TypeKind.JSON))));
        try (Source source =
                open(schema, Map.of("json.unstructured", "true"), 0, 1, Optional.empty())) {
            assertThat(read(source, 2))
                    .containsExactly(List.of("{\"a\": [1, 2]}"), List.of("  {\"b\":null}"));
        }
    }

    @Test
    void rawBytesKeepsTheRecordUnchanged() throws Exception {
        kafka.createTopic(topic, 1);
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers())) {
            producer.sendTo(topic, 0, null, new byte[] {0, (byte) 0xff, 'a'}).get();
        }
        RowSchema schema = new RowSchema(List.of(new Column("value", SqlType.of(TypeKind.BYTEA))));
        try (Source source = open(schema, Map.of("format", "raw_bytes"), 0, 1, Optional.empty())) {
            VectorSchemaRoot batch = null;
            for (int poll = 0; poll < MAX_POLLS; poll++) {
                batch = source.poll(POLL);
                if (batch.getRowCount() > 0) {
                    break;
                }
            }
            assertThat(batch.getRowCount()).isEqualTo(1);
            assertThat(((VarBinaryVector) batch.getVector(0)).get(0))
                    .containsExactly(0, (byte) 0xff, 'a');
        }
        assertThatThrownBy(
                        () ->
                                open(
                                        TestTables.EVENTS,
                                        Map.of("format", "raw_bytes"),
                                        0,
                                        1,
                                        Optional.empty()))
                .hasMessageContaining("needs exactly one column of type BYTEA");
    }

    @Test
    void badRecordFailsNamingItsPosition() throws Exception {
        kafka.createTopic(topic, 1);
        produce(0, "{\"id\":\"a\",\"timestamp\":1736961893000,\"type\":\"x\"}", "{not json");
        try (Source source = open(TestTables.EVENTS, Map.of(), 0, 1, Optional.empty())) {
            assertThatThrownBy(() -> read(source, 2))
                    .isInstanceOfSatisfying(
                            SluiceException.class,
                            e -> {
                                assertThat(e.errorCode()).isEqualTo(ErrorCode.DATA_EXCEPTION);
                                assertThat(e.getMessage())
                                        .contains(topic)
                                        .contains("partition 0")
                                        .contains("offset 1")
                                        .contains("invalid JSON");
                            });
        }
    }

    @Test
    void badRecordsAreDroppedAndReported() throws Exception {
        kafka.createTopic(topic, 1);
        produce(
                0,
                "{\"id\":\"a\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"x\",\"ip\":\"1\"}",
                "{not json",
                "{\"id\":\"b\",\"timestamp\":\"2025-01-15T17:24:53Z\"}",
                "{\"id\":\"c\",\"timestamp\":\"yesterday\",\"type\":\"x\"}",
                "{\"id\":\"d\",\"timestamp\":\"2025-01-15T17:24:54Z\",\"type\":\"y\",\"extra\":{\"z\":1}}");
        try (Source source =
                open(TestTables.EVENTS, Map.of("bad_data", "drop"), 0, 1, Optional.empty())) {
            List<List<String>> rows = read(source, 2);
            assertThat(rows).extracting(row -> row.get(0)).containsExactly("a", "d");
            // The ip of a dropped record must not leak into the next row.
            assertThat(rows.get(1).get(2)).isNull();
            assertThat(new String(source.snapshotState(), UTF_8))
                    .isEqualTo("{\"partitions\":{\"0\":5}}");
        }
        assertThat(badRecords)
                .hasSize(3)
                .anySatisfy(bad -> assertThat(bad).startsWith(topic + "/0@1: invalid JSON"))
                .anySatisfy(
                        bad ->
                                assertThat(bad)
                                        .contains("@2: missing value for NOT NULL column 'type'"))
                .anySatisfy(bad -> assertThat(bad).contains("@3: field 'timestamp' is not"));
    }

    @Test
    void restoresExactlyWhereTheCheckpointWas() throws Exception {
        kafka.createTopic(topic, 1);
        produce(0, record("a"), record("b"), record("c"));
        byte[] state;
        try (Source source = open(TestTables.EVENTS, Map.of(), 0, 1, Optional.empty())) {
            assertThat(read(source, 3)).hasSize(3);
            state = source.snapshotState();
        }
        produce(0, record("d"), record("e"));
        try (Source source = open(TestTables.EVENTS, Map.of(), 0, 1, Optional.of(state))) {
            assertThat(read(source, 2)).extracting(row -> row.get(0)).containsExactly("d", "e");
            assertThat(source.poll(POLL).getRowCount()).isZero();
        }
    }

    @Test
    void latestSkipsWhatIsAlreadyThere() throws Exception {
        kafka.createTopic(topic, 1);
        produce(0, record("old"));
        try (Source source =
                open(
                        TestTables.EVENTS,
                        Map.of("source.offset", "latest"),
                        0,
                        1,
                        Optional.empty())) {
            assertThat(source.poll(POLL).getRowCount()).isZero();
            produce(0, record("new"));
            assertThat(read(source, 1)).extracting(row -> row.get(0)).containsExactly("new");
        }
    }

    @Test
    void twoSubtasksSplitThePartitions() throws Exception {
        kafka.createTopic(topic, 2);
        produce(0, record("p0-a"), record("p0-b"));
        produce(1, record("p1-a"));
        try (Source first = open(TestTables.EVENTS, Map.of(), 0, 2, Optional.empty());
                Source second = open(TestTables.EVENTS, Map.of(), 1, 2, Optional.empty())) {
            assertThat(read(first, 2))
                    .extracting(row -> row.get(0))
                    .containsExactly("p0-a", "p0-b");
            assertThat(read(second, 1)).extracting(row -> row.get(0)).containsExactly("p1-a");
            assertThat(new String(first.snapshotState(), UTF_8))
                    .isEqualTo("{\"partitions\":{\"0\":2}}");
            assertThat(new String(second.snapshotState(), UTF_8))
                    .isEqualTo("{\"partitions\":{\"1\":1}}");
        }
    }

    @Test
    void topicCreatedAfterTheSourceStartedIsReadFromItsBeginning() throws Exception {
        try (Source source =
                open(
                        TestTables.EVENTS,
                        Map.of("source.offset", "latest"),
                        0,
                        1,
                        Optional.empty())) {
            assertThat(source.poll(POLL).getRowCount()).isZero();
            assertThat(new String(source.snapshotState(), UTF_8)).isEqualTo("{\"partitions\":{}}");
            kafka.createTopic(topic, 2);
            produce(0, record("first"));
            produce(1, record("second"));
            assertThat(read(source, 2))
                    .extracting(row -> row.get(0))
                    .containsExactlyInAnyOrder("first", "second");
            assertThat(new String(source.snapshotState(), UTF_8))
                    .isEqualTo("{\"partitions\":{\"0\":1,\"1\":1}}");
        }
    }

    private static String record(String id) {
        return "{\"id\":\"" + id + "\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"t\"}";
    }
}
