package io.sluice.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.testing.EmbeddedKafka;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SELECTs over source tables are previews: rows reach the client while the stream flows, until a
 * LIMIT, the preview timeout or a cancel ends them; cursors read lake queries and previews alike.
 */
class TestPreviews {
    @TempDir static Path dataDir;

    /** The topic each source table of these tests reads. */
    private static final Map<String, String> TOPICS = new ConcurrentHashMap<>();

    private static TestingSluice sluice;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void start() {
        sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
        producer =
                new KafkaProducer<>(
                        Map.of(
                                "bootstrap.servers",
                                sluice.kafkaBootstrapServers(),
                                "key.serializer",
                                ByteArraySerializer.class,
                                "value.serializer",
                                ByteArraySerializer.class));
    }

    @AfterAll
    static void stop() {
        producer.close();
        sluice.close();
    }

    @Test
    void fetchSizeReceivesBatchesWhileEventsArePublished() throws Exception {
        String table = sourceTable();
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET preview_start = 'earliest'");
            connection.setAutoCommit(false);
            statement.setFetchSize(5);
            publish(table, 0, 5);
            List<Long> seen = new ArrayList<>();
            try (ResultSet rows =
                    statement.executeQuery(
                            "SELECT n, label FROM " + table + " WHERE n >= 0 LIMIT 10")) {
                for (int i = 0; i < 5; i++) {
                    assertThat(rows.next()).isTrue();
                    seen.add(rows.getLong("n"));
                }
                // Rows 5..9 do not exist yet: the first batch came before the query could end.
                publish(table, 5, 10);
                while (rows.next()) {
                    seen.add(rows.getLong("n"));
                }
            }
            connection.commit();
            assertThat(seen).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        }
    }

    @Test
    void limitEndsAPreviewOfTheNewestEvents() throws Exception {
        String table = sourceTable();
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET preview_timeout = '60s'");
            // The preview starts at the newest record: keep publishing until it has three.
            CompletableFuture<List<String>> labels =
                    CompletableFuture.supplyAsync(
                            () -> {
                                List<String> result = new ArrayList<>();
                                try (ResultSet rows =
                                        statement.executeQuery(
                                                "SELECT upper(label) AS shout FROM "
                                                        + table
                                                        + " LIMIT 3")) {
                                    while (rows.next()) {
                                        result.add(rows.getString(1));
                                    }
                                } catch (SQLException e) {
                                    throw new RuntimeException(e);
                                }
                                return result;
                            });
            int[] next = {0};
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                publish(table, next[0], next[0] + 1);
                                next[0]++;
                                return labels.isDone();
                            });
            assertThat(labels.get()).hasSize(3).allMatch(label -> label.startsWith("EVENT-"));
        }
    }

    @Test
    void previewTimeoutEndsAQuietPreview() throws Exception {
        String table = sourceTable();
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET preview_timeout = '1s'");
            try (ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                assertThat(rows.next()).isFalse();
            }
            SQLWarning warning = statement.getWarnings();
            assertThat(warning != null).isTrue();
            assertThat(warning.getMessage()).contains("preview_timeout");
            try (ResultSet rows = statement.executeQuery("SHOW preview_timeout")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("1s");
            }
        }
    }

    @Test
    void cancelEndsAPreview() throws Exception {
        String table = sourceTable();
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET preview_timeout = '5min'");
            CompletableFuture<Void> query =
                    CompletableFuture.runAsync(
                            () -> {
                                try (ResultSet rows =
                                        statement.executeQuery("SELECT * FROM " + table)) {
                                    rows.next();
                                } catch (SQLException e) {
                                    throw new RuntimeException(e);
                                }
                            });
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () -> {
                                statement.cancel();
                                return query.isDone();
                            });
            assertThatThrownBy(query::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .cause()
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            // The connection goes on.
            try (ResultSet rows = statement.executeQuery("SELECT 1")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }

    @Test
    void cursorsReadPreviewsAndLakeQueries() throws Exception {
        String table = sourceTable();
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute("SET preview_start = 'earliest'");
            publish(table, 0, 5);
            connection.setAutoCommit(false);
            statement.execute("DECLARE stream_cursor CURSOR FOR SELECT n FROM " + table);
            statement.execute(
                    "DECLARE lake_cursor NO SCROLL CURSOR FOR SELECT * FROM (VALUES (1), (2), (3))"
                            + " AS t(x)");
            assertThat(longs(statement, "FETCH 2 FROM stream_cursor")).containsExactly(0L, 1L);
            assertThat(longs(statement, "FETCH FORWARD 2 IN lake_cursor")).containsExactly(1L, 2L);
            statement.execute("MOVE 1 stream_cursor");
            assertThat(statement.getUpdateCount()).isEqualTo(1);
            assertThat(longs(statement, "FETCH NEXT FROM stream_cursor")).containsExactly(3L);
            assertThat(longs(statement, "FETCH ALL FROM lake_cursor")).containsExactly(3L);
            assertThat(longs(statement, "FETCH lake_cursor")).isEmpty();
            statement.execute("CLOSE lake_cursor");
            assertThatThrownBy(() -> statement.executeQuery("FETCH 1 FROM lake_cursor"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("34000"));
            connection.rollback();
            statement.execute("DECLARE again CURSOR FOR SELECT 42");
            connection.commit();
            // COMMIT closed it.
            assertThatThrownBy(() -> statement.executeQuery("FETCH again"))
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("34000"));
            connection.rollback();
        }
    }

    private static List<Long> longs(Statement statement, String sql) throws SQLException {
        List<Long> values = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getLong(1));
            }
        }
        return values;
    }

    private static String sourceTable() throws SQLException {
        String topic = "preview-" + UUID.randomUUID();
        EmbeddedKafka.shared().createTopic(topic, 1);
        String table = "events_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE "
                            + table
                            + " (n BIGINT, label TEXT) WITH (connector = 'kafka',"
                            + " bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', format = 'json', type = 'source')");
        }
        TOPICS.put(table, topic);
        return table;
    }

    private static void publish(String table, int from, int to) throws Exception {
        for (int n = from; n < to; n++) {
            String json = "{\"n\": " + n + ", \"label\": \"event-" + n + "\"}";
            producer.send(new ProducerRecord<>(TOPICS.get(table), json.getBytes(UTF_8))).get();
        }
    }
}
