package io.sluice.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.testing.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each {@code src/test/resources/sql/NAME.sql} over pgjdbc against one Sluice server and
 * compares what the server answers with {@code NAME.out}. Each script uses its own object names.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after an intended change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSqlGolden {
    private static final Path SCRIPTS = Path.of("src/test/resources/sql");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Path dataDir;
    private TestingSluice sluice;

    /** A one-partition topic holding {@code golden-events.ndjson}, for scripts that read data. */
    private String eventsTopic;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        this.dataDir = dataDir;
        sluice = TestingSluice.start(dataDir, "golden-ingest-" + UUID.randomUUID());
        eventsTopic = "golden-events-" + UUID.randomUUID();
        EmbeddedKafka.shared().createTopic(eventsTopic, 1);
        Properties config = new Properties();
        config.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedKafka.shared().bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (String event :
                    Files.readAllLines(SCRIPTS.resolve("golden-events.ndjson"), UTF_8)) {
                producer.send(new ProducerRecord<>(eventsTopic, event)).get();
            }
        }
    }

    @AfterAll
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
    }

    Stream<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(SCRIPTS)) {
            List<Path> scripts =
                    files.filter(file -> file.toString().endsWith(".sql")).sorted().toList();
            assertThat(scripts).isNotEmpty();
            return scripts.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptAnswersAsExpected(Path script) throws Exception {
        String name = script.getFileName().toString().replaceAll("\\.sql$", "");
        Map<String, String> variables =
                Map.of(
                        "bootstrap_servers",
                        sluice.kafkaBootstrapServers(),
                        "topic",
                        name + "-" + UUID.randomUUID(),
                        "events_topic",
                        eventsTopic,
                        "lake",
                        dataDir.resolve("lake").resolve(name).toUri().toString());
        List<String> statements = SqlScript.statements(Files.readString(script, UTF_8), variables);
        StringBuilder transcript = new StringBuilder();
        try (Connection connection = sluice.connect()) {
            for (String statement : statements) {
                String answer = SqlScript.run(connection, List.of(statement), false);
                // Scripts name every secret "...-secret..."; no answer may ever contain one.
                assertThat(answer).as("answer to %s", statement).doesNotContain("-secret");
                transcript.append(statement).append('\n').append(answer).append('\n');
            }
        }
        String actual = transcript.toString();
        // Variable values differ per run; the expected file shows their names.
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            actual = actual.replace(variable.getValue(), "${" + variable.getKey() + "}");
        }
        Path expected = SCRIPTS.resolve(name + ".out");
        if (UPDATE) {
            Files.writeString(expected, actual, UTF_8);
        }
        assertThat(expected).exists();
        assertThat(actual).isEqualTo(Files.readString(expected, UTF_8));
    }
}
