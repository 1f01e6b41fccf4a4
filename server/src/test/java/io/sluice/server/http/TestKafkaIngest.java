package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.storage.kafka.EventProducer;
import io.sluice.testing.EmbeddedKafka;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/** Events posted over HTTP land in a real Kafka broker, acknowledged before the answer. */
final class TestKafkaIngest {
    private static final String TOPIC = "ingest-http-events";

    @Test
    void postedEventsCanBeConsumedBack() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        kafka.createTopic(TOPIC, 1);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (EventProducer producer = new EventProducer(kafka.bootstrapServers());
                KafkaEventSink sink = new KafkaEventSink(producer);
                IngestHttpServer server =
                        IngestHttpServer.start(IngestConfig.defaults(TOPIC).withPort(0), sink)) {
            HttpResponse<String> single =
                    client.send(
                            HttpRequest.newBuilder(server.baseUri().resolve("/ingest"))
                                    .POST(BodyPublishers.ofString("{\"msg\": \"test\"}"))
                                    .build(),
                            BodyHandlers.ofString());
            HttpResponse<String> batch =
                    client.send(
                            HttpRequest.newBuilder(server.baseUri().resolve("/ingest"))
                                    .header("Content-Type", "application/x-ndjson")
                                    .POST(BodyPublishers.ofString("{\"n\":1}\nnope\n{\"n\":2}\n"))
                                    .build(),
                            BodyHandlers.ofString());

            assertThat(single.statusCode()).isEqualTo(200);
            assertThat(single.body()).isEqualTo("ok");
            assertThat(batch.statusCode()).isEqualTo(200);
            assertThat(batch.body()).startsWith("{\"accepted\":2,\"rejected\":1,");
            assertThat(server.metrics().acceptedEvents()).isEqualTo(3);
        }

        assertThat(consume(kafka.bootstrapServers(), 3))
                .containsExactly("{\"msg\": \"test\"}", "{\"n\":1}", "{\"n\":2}");
    }

    private static List<String> consume(String bootstrapServers, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-http-test");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    values.add(new String(record.value(), UTF_8));
                }
            }
        }
        return values;
    }
}
