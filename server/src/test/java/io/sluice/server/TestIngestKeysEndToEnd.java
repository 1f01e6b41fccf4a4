package io.sluice.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.server.config.ServerConfig;
import io.sluice.testing.EmbeddedKafka;
import io.sluice.testing.TestingPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A server with {@code ingest.auth = keys}: keys made and revoked with {@code sluice keys}, a named
 * stream keyed by {@code user_id} and checked against a table created over pgwire.
 */
final class TestIngestKeysEndToEnd {
    private static final String TOPIC = "ingest-keys-e2e-clicks";

    @TempDir Path directory;

    @Test
    void keysFromTheCliGuardAStreamWithASchema() throws Exception {
        TestingPostgres postgres = TestingPostgres.shared();
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopic(TOPIC, 2);
        Path config = directory.resolve("sluice.properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "data.dir = " + directory.resolve("data"),
                        "pgwire.port = 0",
                        "http.port = 0",
                        "auth.mode = trust",
                        "catalog.url = " + postgres.createDatabase("ingestkeys"),
                        "catalog.user = " + postgres.user(),
                        "catalog.password = " + postgres.password(),
                        "kafka.bootstrap_servers = " + kafka.bootstrapServers(),
                        "ingest.keys.refresh = 200ms",
                        "ingest.stream.clicks.topic = " + TOPIC,
                        "ingest.stream.clicks.partition_key = user_id",
                        "ingest.stream.clicks.schema = clicks",
                        "ingest.stream.clicks.enrich.id = true",
                        ""),
                UTF_8);

        String secret =
                cli("create", "--config", config.toString(), "--name", "app", "--streams", "clicks")
                        .strip();
        assertThat(secret).startsWith("sluice_");

        try (SluiceServer server = SluiceServer.start(ServerConfig.load(config, Map.of()))) {
            URI base = URI.create("http://127.0.0.1:" + server.httpPort());
            try (Connection connection =
                            DriverManager.getConnection(
                                    "jdbc:postgresql://127.0.0.1:"
                                            + server.pgwirePort()
                                            + "/sluice?user=sluice");
                    Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE TABLE clicks (id TEXT PRIMARY KEY, user_id TEXT NOT NULL, n INT)"
                                + " WITH (connector = 'kafka', topic = '"
                                + TOPIC
                                + "', bootstrap_servers = '"
                                + kafka.bootstrapServers()
                                + "', format = 'json', type = 'source')");
            }
            assertThat(get(base.resolve("/health")).statusCode()).isEqualTo(200);

            // The schema is read on the next refresh after CREATE TABLE.
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    post(
                                                            base.resolve("/ingest/clicks"),
                                                            secret,
                                                            "{\"user_id\":\"u-7\",\"n\":1}")
                                                    .statusCode()
                                            == 200);
            HttpResponse<String> wrongType =
                    post(
                            base.resolve("/ingest/clicks"),
                            secret,
                            "{\"user_id\":\"u-7\",\"n\":\"x\"}");
            HttpResponse<String> otherStream = post(base.resolve("/ingest"), secret, "{}");
            HttpResponse<String> noKey = post(base.resolve("/ingest/clicks"), null, "{}");

            assertThat(wrongType.statusCode()).isEqualTo(422);
            assertThat(wrongType.body()).contains("\"field\":\"n\"");
            assertThat(otherStream.statusCode()).isEqualTo(403);
            assertThat(noKey.statusCode()).isEqualTo(401);
            ConsumerRecord<byte[], byte[]> record = consumeOne(kafka.bootstrapServers());
            assertThat(new String(record.key(), UTF_8)).isEqualTo("u-7");
            assertThat(new String(record.value(), UTF_8))
                    .startsWith("{\"user_id\":\"u-7\",\"n\":1,\"id\":\"");

            assertThat(cli("revoke", "--config", config.toString(), "--name", "app"))
                    .contains("Revoked API key \"app\"");
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () ->
                                    post(
                                                            base.resolve("/ingest/clicks"),
                                                            secret,
                                                            "{\"user_id\":\"u\"}")
                                                    .statusCode()
                                            == 401);
            assertThat(cli("list", "--config", config.toString()))
                    .containsPattern("(?m)^app\tclicks\tdefault\t\\S+\t\\S+$");
            assertThat(get(base.resolve("/metrics")).body())
                    .containsPattern(
                            "sluice_ingest_events_rejected_total\\{reason=\"forbidden\",stream=\"[a-z]*\"\\}"
                                + " 1.0");
        }
    }

    /** Runs {@code sluice keys ...} and returns what it printed on standard output. */
    private static String cli(String... args) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        try {
            System.setOut(new PrintStream(buffer, true, UTF_8));
            exitCode = new CommandLine(new KeysCommand()).execute(args);
        } finally {
            System.setOut(original);
        }
        assertThat(exitCode).as("exit code of keys %s", List.of(args)).isZero();
        return buffer.toString(UTF_8);
    }

    private static HttpResponse<String> post(URI uri, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).GET().build(), BodyHandlers.ofString());
    }

    private static ConsumerRecord<byte[], byte[]> consumeOne(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-keys-e2e");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
        }
        throw new AssertionError("no record in " + TOPIC);
    }
}
