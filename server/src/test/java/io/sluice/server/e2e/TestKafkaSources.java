package io.sluice.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sluice.storage.kafka.EventProducer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** Kafka sources seen over pgwire: validating a profile, positions and counts per partition. */
@Tag("slow")
class TestKafkaSources {
    @TempDir Path dataDir;

    @Test
    void pipelineSourcesShowPositionsAndBalancedCounts() throws Exception {
        String topic = "sources-" + UUID.randomUUID();
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            try (EventProducer producer = new EventProducer(sluice.kafkaBootstrapServers())) {
                for (String value :
                        List.of("{\"id\":\"a\",\"n\":1}", "{\"id\":", "{\"id\":\"b\",\"n\":2}")) {
                    producer.sendTo(topic, 0, null, value.getBytes(UTF_8)).get();
                }
            }
            statement.execute(
                    "CREATE CONNECTION PROFILE local_kafka WITH (bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "')");
            assertThat(rows(statement, "VALIDATE CONNECTION PROFILE local_kafka"))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .startsWith("local_kafka | kafka | connected to 1 Kafka broker(s)");
            assertThat(
                            rows(
                                    statement,
                                    "VALIDATE CONNECTION PROFILE local_kafka WITH (topic = '"
                                            + topic
                                            + "')"))
                    .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .endsWith("topic '" + topic + "' has 1 partition(s)");
            assertThatThrownBy(
                            () ->
                                    statement.execute(
                                            "VALIDATE CONNECTION PROFILE local_kafka WITH (topic ="
                                                    + " 'missing-topic')"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("42704"));
            assertThatThrownBy(() -> statement.execute("VALIDATE CONNECTION PROFILE nobody"))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("42704"));

            statement.execute(
                    "CREATE TABLE counted (id TEXT, n BIGINT) WITH (connector = 'kafka',"
                            + " connection_profile = 'local_kafka', topic = '"
                            + topic
                            + "', 'source.offset' = 'earliest', bad_data = 'drop', type ="
                            + " 'source')");
            statement.execute(
                    "CREATE TABLE counted_sink WITH (connector = 'filesystem', path = '"
                            + dataDir.resolve("lake/counted").toUri()
                            + "', format = 'parquet')");
            statement.execute(
                    "CREATE PIPELINE counted_p AS INSERT INTO counted_sink SELECT id, n FROM"
                            + " counted");
            String query =
                    "SELECT pipeline, topic, partition, records_read, records_emitted,"
                            + " records_dropped, records_dead_lettered, next_offset,"
                            + " committed_offset, end_offset, lag FROM sluice.pipeline_sources"
                            + " WHERE pipeline = 'counted_p'";
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    rows(statement, query)
                                            .equals(
                                                    List.of(
                                                            "counted_p | "
                                                                    + topic
                                                                    + " | 0 | 3 | 2 | 1 | 0 | 3 |"
                                                                    + " 3 | 3 | 0")));
        }
    }

    private static List<String> rows(Statement statement, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
