package io.sluice.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

/** Session statements whose answers depend on time or on a second connection. */
class TestSessionStatements {
    @TempDir Path dataDir;

    @Test
    void usersLogInWithTheirPasswordAndNoErrorEchoesIt() throws Exception {
        try (TestingSluice sluice = TestingSluice.start(dataDir, "users-" + UUID.randomUUID());
                Connection admin = sluice.connect();
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER dora WITH PASSWORD 'first-Secret'");
            try (Connection dora = connect(sluice, "dora", "first-Secret")) {
                assertThat(dora.isValid(5)).isTrue();
            }
            statement.execute("ALTER USER dora PASSWORD 'second-Secret'");
            assertThatThrownBy(() -> connect(sluice, "dora", "first-Secret"))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageNotContaining("first-Secret");
            try (Connection dora = connect(sluice, "dora", "second-Secret")) {
                assertThat(dora.isValid(5)).isTrue();
            }
            assertThatThrownBy(() -> statement.execute("ALTER USER dora 'third-Secret'"))
                    .isInstanceOf(PSQLException.class)
                    .hasMessageNotContaining("third-Secret");
            statement.execute("DROP USER dora");
            assertThatThrownBy(() -> connect(sluice, "dora", "second-Secret"))
                    .isInstanceOf(PSQLException.class);
        }
    }

    @Test
    void parallelismChangeIsRefusedOnceOffsetsAreCheckpointed() throws Exception {
        String topic = "alter-" + UUID.randomUUID();
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE alter_events (id TEXT, n BIGINT) WITH (connector = 'kafka',"
                            + " bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', format = 'json', type = 'source')");
            statement.execute(
                    "CREATE TABLE alter_sink WITH (connector = 'filesystem', path = '"
                            + dataDir.resolve("lake/alter").toUri()
                            + "', format = 'parquet')");
            statement.execute(
                    "CREATE PIPELINE alter_p AS INSERT INTO alter_sink SELECT id, n FROM"
                            + " alter_events");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(
                            () ->
                                    rows(statement, "SHOW CHECKPOINTS FOR PIPELINE alter_p").size()
                                            > 0);

            String alter = "ALTER PIPELINE alter_p SET (parallelism = 2)";
            assertThatThrownBy(() -> statement.execute(alter))
                    .isInstanceOfSatisfying(
                            PSQLException.class,
                            e -> {
                                assertThat(e.getSQLState()).isEqualTo("0A000");
                                assertThat(e.getServerErrorMessage().getPosition())
                                        .isEqualTo(alter.indexOf("parallelism") + 1);
                                assertThat(e.getMessage())
                                        .contains("cannot change the parallelism of pipeline");
                            });
            // Refused, but the pipeline runs on as before.
            assertThat(rows(statement, "SHOW CREATE PIPELINE alter_p").get(0))
                    .contains("parallelism = 1, checkpoint_interval = '1s'");
            awaitState(statement, "alter_p", "RUNNING");

            statement.execute("ALTER PIPELINE alter_p SET (checkpoint_interval = '3s')");
            assertThat(rows(statement, "SHOW CREATE PIPELINE alter_p").get(0))
                    .contains("checkpoint_interval = '3s'");
            awaitState(statement, "alter_p", "RUNNING");

            statement.execute("STOP PIPELINE alter_p");
            statement.execute("ALTER PIPELINE alter_p SET (checkpoint_interval = '4s')");
            // A stopped pipeline stays stopped after ALTER.
            assertThat(pipelineState(statement, "alter_p")).isEqualTo("STOPPED");
            statement.execute("DROP PIPELINE alter_p");
        }
    }

    @Test
    void explainSelectShowsDuckDbPlanOverLakeFiles() throws Exception {
        try (TestingSluice sluice = TestingSluice.start(dataDir, "explain-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE explain_lake (id TEXT, n BIGINT) WITH (connector = 'filesystem',"
                            + " path = '"
                            + dataDir.resolve("lake/explain").toUri()
                            + "', format = 'parquet')");
            List<String> plan = rows(statement, "EXPLAIN SELECT count(*) FROM explain_lake");
            assertThat(String.join("\n", plan)).containsIgnoringCase("physical_plan");
        }
    }

    @Test
    void metadataAndGeneratedColumnsReachTheLake() throws Exception {
        String topic = "clauses-" + UUID.randomUUID();
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE clause_src (id TEXT, properties JSON,"
                            + " k_offset BIGINT METADATA FROM 'offset_id',"
                            + " k_partition INT NOT NULL METADATA FROM 'partition',"
                            + " k_topic TEXT METADATA FROM 'topic',"
                            + " k_time TIMESTAMP METADATA FROM 'timestamp',"
                            + " k_key TEXT METADATA FROM 'key',"
                            + " signup TEXT GENERATED ALWAYS AS (upper(properties->>'signup')))"
                            + " WITH (connector = 'kafka', bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', format = 'json', type = 'source', 'source.offset' = 'earliest')");
            statement.execute(
                    "CREATE TABLE clause_lake WITH (connector = 'filesystem', path = '"
                            + dataDir.resolve("lake/clauses").toUri()
                            + "', format = 'parquet', rollover_seconds = '1')");
            try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                    new org.apache.kafka.clients.producer.KafkaProducer<>(
                            java.util.Map.of(
                                    "bootstrap.servers",
                                    sluice.kafkaBootstrapServers(),
                                    "key.serializer",
                                    org.apache.kafka.common.serialization.StringSerializer.class,
                                    "value.serializer",
                                    org.apache.kafka.common.serialization.StringSerializer
                                            .class))) {
                for (int i = 0; i < 3; i++) {
                    producer.send(
                                    new org.apache.kafka.clients.producer.ProducerRecord<>(
                                            topic,
                                            0,
                                            1_700_000_000_000L + i,
                                            "key-" + i,
                                            "{\"id\": \"e"
                                                    + i
                                                    + "\", \"properties\": {\"signup\":"
                                                    + " \"email\"}}"))
                            .get();
                }
            }
            statement.execute(
                    "CREATE PIPELINE clause_p AS INSERT INTO clause_lake SELECT id, k_offset,"
                            + " k_partition, k_topic, k_time, k_key, signup FROM clause_src");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> rows(statement, "SELECT id FROM clause_lake").size() == 3);
            assertThat(
                            rows(
                                    statement,
                                    "SELECT id, k_offset, k_partition, k_topic = '"
                                            + topic
                                            + "', k_time, k_key, signup FROM clause_lake ORDER BY"
                                            + " id"))
                    .containsExactly(
                            "e0 | 0 | 0 | t | 2023-11-14 22:13:20 | key-0 | EMAIL",
                            "e1 | 1 | 0 | t | 2023-11-14 22:13:20.001 | key-1 | EMAIL",
                            "e2 | 2 | 0 | t | 2023-11-14 22:13:20.002 | key-2 | EMAIL");
            statement.execute("DROP PIPELINE clause_p");
        }
    }

    @Test
    void everyTypeRoundTripsFromKafkaThroughParquetToPgwire() throws Exception {
        String topic = "types-" + UUID.randomUUID();
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
                Connection connection = sluice.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE types_src (t TEXT, v VARCHAR, j JSON, b BOOLEAN, s SMALLINT,"
                            + " i INT, l BIGINT, r REAL, d DOUBLE, n DECIMAL(10,2), dt DATE,"
                            + " ts TIMESTAMP, tz TIMESTAMPTZ, u UUID,"
                            + " k BYTEA METADATA FROM 'key') WITH (connector = 'kafka',"
                            + " bootstrap_servers = '"
                            + sluice.kafkaBootstrapServers()
                            + "', topic = '"
                            + topic
                            + "', type = 'source', 'source.offset' = 'earliest')");
            statement.execute(
                    "CREATE TABLE types_lake WITH (connector = 'filesystem', path = '"
                            + dataDir.resolve("lake/types").toUri()
                            + "', format = 'parquet', rollover_seconds = '1')");
            try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                    new org.apache.kafka.clients.producer.KafkaProducer<>(
                            java.util.Map.of(
                                    "bootstrap.servers",
                                    sluice.kafkaBootstrapServers(),
                                    "key.serializer",
                                    org.apache.kafka.common.serialization.StringSerializer.class,
                                    "value.serializer",
                                    org.apache.kafka.common.serialization.StringSerializer
                                            .class))) {
                producer.send(
                                new org.apache.kafka.clients.producer.ProducerRecord<>(
                                        topic,
                                        "k1",
                                        "{\"t\": \"text é\", \"v\": \"varchar\","
                                                + " \"j\": {\"a\": [1, 2]}, \"b\": true,"
                                                + " \"s\": -12, \"i\": 123456, \"l\":"
                                                + " 9007199254740993, \"r\": 1.5, \"d\": 2.25,"
                                                + " \"n\": \"12345678.90\", \"dt\":"
                                                + " \"2024-02-29\", \"ts\":"
                                                + " \"2024-02-29T12:34:56.789\", \"tz\":"
                                                + " \"2024-02-29T12:34:56.789+02:00\", \"u\":"
                                                + " \"5f0c7d1e-8d4b-4c1a-9a57-3c1f2b7d9e10\"}"))
                        .get();
            }
            statement.execute(
                    "CREATE PIPELINE types_p AS INSERT INTO types_lake SELECT * FROM types_src");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> rows(statement, "SELECT t FROM types_lake").size() == 1);
            List<String> types = new ArrayList<>();
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("SELECT * FROM types_lake")) {
                rs.next();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    types.add(rs.getMetaData().getColumnTypeName(i));
                    values.add(rs.getString(i));
                }
            }
            assertThat(types)
                    .containsExactly(
                            "text",
                            "text",
                            "json",
                            "bool",
                            "int2",
                            "int4",
                            "int8",
                            "float4",
                            "float8",
                            "numeric",
                            "date",
                            "timestamp",
                            "timestamptz",
                            "text",
                            "bytea");
            assertThat(values)
                    .containsExactly(
                            "text é",
                            "varchar",
                            "{\"a\": [1, 2]}",
                            "t",
                            "-12",
                            "123456",
                            "9007199254740993",
                            "1.5",
                            "2.25",
                            "12345678.90",
                            "2024-02-29",
                            "2024-02-29 12:34:56.789",
                            "2024-02-29 10:34:56.789+00",
                            "5f0c7d1e-8d4b-4c1a-9a57-3c1f2b7d9e10",
                            "\\x6b31");
            statement.execute("DROP PIPELINE types_p");
        }
    }

    private static void awaitState(Statement statement, String pipeline, String state) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> pipelineState(statement, pipeline).equals(state));
    }

    private static String pipelineState(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SHOW PIPELINES")) {
            while (rs.next()) {
                if (rs.getString("name").equals(name)) {
                    return rs.getString("state");
                }
            }
        }
        throw new AssertionError("no pipeline " + name);
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

    private static Connection connect(TestingSluice sluice, String user, String password)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + sluice.pgwirePort() + "/sluice", properties);
    }
}
