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
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A broker that only lets SASL users in: reading, and validating connection options. */
class KafkaSaslTest {
    private static final String TOPIC = "secured-events";
    private static final String USER = "sluice-reader";
    private static final String PASSWORD = "s3cr3t-\"quoted\"";

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = EmbeddedKafka.startWithSasl();
        kafka.createScramUser(USER, PASSWORD, "SCRAM-SHA-256");
        kafka.createTopic(TOPIC, 1);
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers())) {
            producer.sendTo(
                            TOPIC,
                            0,
                            null,
                            "{\"id\":\"s1\",\"timestamp\":\"2025-01-15T17:24:53Z\",\"type\":\"t\"}"
                                    .getBytes(UTF_8))
                    .get();
        }
    }

    @AfterAll
    static void stopBroker() {
        kafka.close();
    }

    private static Map<String, String> scram(String password) {
        Map<String, String> options = new HashMap<>();
        options.put("bootstrap_servers", kafka.saslBootstrapServers());
        options.put("auth.type", "sasl");
        options.put("auth.protocol", "SASL_PLAINTEXT");
        options.put("auth.mechanism", "SCRAM-SHA-256");
        options.put("auth.username", USER);
        options.put("auth.password", password);
        return options;
    }

    private static String validate(Map<String, String> options) {
        return new KafkaConnectorFactory().validateConnection(options);
    }

    @Test
    void readsWithScramCredentials() {
        Map<String, String> options = scram(PASSWORD);
        // SCRAM credentials reach the broker's cache shortly after they are created.
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> validate(options).contains("connected to 1 Kafka broker"));
        options.put("topic", TOPIC);
        options.put("source.offset", "earliest");
        assertThat(read(options)).containsExactly("s1");
    }

    @Test
    void readsWithPlainCredentials() {
        Map<String, String> options = new HashMap<>();
        options.put("bootstrap_servers", kafka.saslBootstrapServers());
        options.put("auth.type", "sasl");
        options.put("auth.protocol", "sasl_plaintext");
        options.put("auth.mechanism", "plain");
        options.put("auth.username", EmbeddedKafka.PLAIN_USER);
        options.put("auth.password", EmbeddedKafka.PLAIN_PASSWORD);
        options.put("topic", TOPIC);
        options.put("source.offset", "earliest");
        assertThat(validate(options)).contains("topic '" + TOPIC + "' has 1 partition(s)");
        assertThat(read(options)).containsExactly("s1");
    }

    @Test
    void validationNamesWhatIsWrong() {
        await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> validate(scram(PASSWORD)).contains("connected"));
        assertThatThrownBy(() -> validate(scram("wrong password")))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PASSWORD);
                            assertThat(e.getMessage())
                                    .contains("rejected the credentials")
                                    .contains(USER)
                                    .doesNotContain("wrong password");
                        });
        Map<String, String> missingTopic = scram(PASSWORD);
        missingTopic.put("topic", "no-such-topic");
        assertThatThrownBy(() -> validate(missingTopic))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_OBJECT);
                            assertThat(e.getMessage()).contains("'no-such-topic'");
                        });
        // Port 1 is privileged and nothing listens there: connections are refused.
        Map<String, String> unreachable = Map.of("bootstrap_servers", "127.0.0.1:1");
        assertThatThrownBy(() -> validate(unreachable))
                .isInstanceOfSatisfying(
                        SluiceException.class,
                        e -> {
                            assertThat(e.errorCode()).isEqualTo(ErrorCode.EXTERNAL_UNAVAILABLE);
                            assertThat(e.getMessage()).contains("cannot reach the Kafka brokers");
                        });
    }

    private static List<String> read(Map<String, String> options) {
        try (BufferAllocator allocator = new RootAllocator()) {
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
            List<String> ids = new ArrayList<>();
            try (KafkaSource source =
                    (KafkaSource) new KafkaConnectorFactory().createSource(context)) {
                await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> {
                                    VectorSchemaRoot batch = source.poll(Duration.ofMillis(100));
                                    for (int row = 0; row < batch.getRowCount(); row++) {
                                        ids.add(batch.getVector("id").getObject(row).toString());
                                    }
                                    return !ids.isEmpty();
                                });
            }
            return ids;
        }
    }
}
