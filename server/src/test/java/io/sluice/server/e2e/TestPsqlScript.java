package io.sluice.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sluice.testing.EmbeddedKafka;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the real {@code psql} binary through the walking skeleton and compares everything it
 * prints (results, notices, errors with their position markers) with golden files under {@code
 * src/test/resources/e2e/psql}. Run with {@code -Dgolden.update=true} to rewrite the golden files
 * after an intended change.
 */
class TestPsqlScript {
    private static final Path PSQL = Path.of("/usr/bin/psql");
    private static final Path SCRIPTS = Path.of("src/test/resources/e2e/psql");

    @TempDir Path dataDir;

    @Test
    void articleFlowThroughPsql() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed");
        String topic = "psql-" + UUID.randomUUID();
        String lake = dataDir.resolve("lake/account_created").toUri().toString();
        try (TestingSluice sluice = TestingSluice.start(dataDir, topic)) {
            List<String> variables =
                    List.of(
                            "bootstrap=" + sluice.kafkaBootstrapServers(),
                            "topic=" + topic,
                            "lake=" + lake);
            assertGolden("01-setup", psql(sluice, "01-setup.sql", variables));

            HttpClient http = HttpClient.newHttpClient();
            String event = Files.readString(Path.of("../docs/examples/event.json"), UTF_8);
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(sluice.ingestUri())
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        event.replace(
                                                                "687ed5c8-908d-467f-97e6-54bd83d9d170",
                                                                "event-" + i)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(response.body()).isEqualTo("ok");
            }
            try (Connection connection = sluice.connect();
                    Statement statement = connection.createStatement()) {
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(
                                () -> {
                                    try (ResultSet rs =
                                            statement.executeQuery(
                                                    "SELECT count(*) FROM account_created_sink")) {
                                        rs.next();
                                        return rs.getLong(1) == 3;
                                    }
                                });
            }
            assertGolden("02-query", psql(sluice, "02-query.sql", variables));
        }
    }

    @Test
    void previewShowsEventsAsTheyArrive() throws Exception {
        assumeTrue(Files.isExecutable(PSQL), "psql is not installed");
        String topic = "clicks-" + UUID.randomUUID();
        EmbeddedKafka.shared().createTopic(topic, 1);
        try (TestingSluice sluice = TestingSluice.start(dataDir, "ingest-" + UUID.randomUUID());
                KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(
                                Map.of(
                                        "bootstrap.servers",
                                        sluice.kafkaBootstrapServers(),
                                        "key.serializer",
                                        ByteArraySerializer.class,
                                        "value.serializer",
                                        ByteArraySerializer.class))) {
            List<String> variables =
                    List.of("bootstrap=" + sluice.kafkaBootstrapServers(), "clicks_topic=" + topic);
            // The script waits for events; send the same click until both previews have theirs.
            CompletableFuture<String> output =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return psql(sluice, "03-preview.sql", variables);
                                } catch (IOException | InterruptedException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            byte[] click = "{\"page\": \"/pricing\"}".getBytes(UTF_8);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(
                            () -> {
                                producer.send(new ProducerRecord<>(topic, click)).get();
                                return output.isDone();
                            });
            assertGolden("03-preview", output.get());
        }
    }

    private static String psql(TestingSluice sluice, String script, List<String> variables)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PSQL.toString());
        command.addAll(
                List.of(
                        "-X",
                        "-a",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(sluice.pgwirePort()),
                        "-U",
                        TestingSluice.USER,
                        "-d",
                        "sluice",
                        "-f",
                        "-"));
        for (String variable : variables) {
            command.add("-v");
            command.add(variable);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", TestingSluice.PASSWORD);
        builder.environment().put("PGTZ", "UTC");
        builder.redirectInput(SCRIPTS.resolve(script).toFile());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = SCRIPTS.resolve(name + ".out");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, UTF_8);
        }
        assertThat(golden)
                .as("golden file %s (run with -Dgolden.update=true to create it)", golden)
                .exists();
        assertThat(actual).isEqualTo(Files.readString(golden, UTF_8));
    }
}
