package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.sluice.storage.kafka.EventProducer;
import io.sluice.testing.EmbeddedKafka;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker is stopped while clients post batches and started again: no event is answered 200
 * unless the broker took it, every failure says when to retry, and every event answered 200 is in
 * the topic afterwards. Uses a broker of its own, since it stops it.
 */
final class TestBrokerOutage {
    private static final String TOPIC = "ingest-outage";
    private static final int BATCH = 20;
    private static final int CLIENTS = 2;

    @TempDir Path kafkaDirectory;

    @Test
    void everyAcknowledgedEventSurvivesABrokerRestart() throws Exception {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafka.Options.persistent(kafkaDirectory));
        String bootstrap = kafka.bootstrapServers();
        int brokerPort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        int controllerPort = kafka.controllerPort();
        kafka.createTopic(TOPIC, 2);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger withoutRetryAfter = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try (EventProducer producer =
                        new EventProducer(
                                bootstrap,
                                Map.of(
                                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "4000",
                                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000",
                                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000"));
                KafkaEventSink sink = new KafkaEventSink(producer);
                BrokerHealth health = BrokerHealth.start(bootstrap, Duration.ofMillis(500));
                IngestHttpServer server =
                        IngestHttpServer.start(
                                IngestConfig.defaults(TOPIC)
                                        .withPort(0)
                                        .withRequestTimeout(Duration.ofSeconds(6)),
                                sink,
                                new IngestMetrics(),
                                health)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                running.add(
                        clients.submit(
                                () -> {
                                    for (int request = 0; !stop.get(); request++) {
                                        List<String> ids = new ArrayList<>();
                                        StringBuilder body = new StringBuilder();
                                        for (int i = 0; i < BATCH; i++) {
                                            String id = client + "-" + request + "-" + i;
                                            ids.add(id);
                                            body.append("{\"id\":\"").append(id).append("\"}\n");
                                        }
                                        try {
                                            HttpResponse<String> response =
                                                    http.send(
                                                            HttpRequest.newBuilder(
                                                                            server.baseUri()
                                                                                    .resolve(
                                                                                            "/ingest"))
                                                                    .header(
                                                                            "Content-Type",
                                                                            "application/x-ndjson")
                                                                    .POST(
                                                                            BodyPublishers.ofString(
                                                                                    body
                                                                                            .toString()))
                                                                    .build(),
                                                            BodyHandlers.ofString());
                                            statuses.computeIfAbsent(
                                                            response.statusCode(),
                                                            ignored -> new AtomicInteger())
                                                    .incrementAndGet();
                                            if (response.statusCode() == 200) {
                                                acknowledged.addAll(ids);
                                            } else if (response.headers()
                                                    .firstValue("retry-after")
                                                    .isEmpty()) {
                                                withoutRetryAfter.incrementAndGet();
                                            } else {
                                                Thread.sleep(100);
                                            }
                                        } catch (IOException e) {
                                            // No answer: the client does not know; not counted.
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                            return;
                                        }
                                    }
                                }));
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> acknowledged.size() >= 400);
            kafka.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> statuses.containsKey(503));
            await().atMost(Duration.ofSeconds(30)).until(() -> !health.getAsBoolean());
            assertThat(
                            http.send(
                                            HttpRequest.newBuilder(
                                                            server.baseUri().resolve("/health"))
                                                    .GET()
                                                    .build(),
                                            BodyHandlers.ofString())
                                    .statusCode())
                    .isEqualTo(503);
            int acknowledgedWhileDown = acknowledged.size();

            kafka =
                    EmbeddedKafka.start(
                            EmbeddedKafka.Options.persistent(kafkaDirectory)
                                    .withBrokerPort(brokerPort)
                                    .withControllerPort(controllerPort));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> acknowledged.size() >= acknowledgedWhileDown + 400);
            stop.set(true);
            for (Future<?> future : running) {
                future.get(60, TimeUnit.SECONDS);
            }

            assertThat(statuses.keySet()).isSubsetOf(200, 429, 503);
            assertThat(withoutRetryAfter).hasValue(0);
            assertThat(server.metrics().acceptedEvents()).isEqualTo(acknowledged.size());
            Set<String> inTopic = consumeAll(kafka.bootstrapServers(), acknowledged.size());
            assertThat(inTopic).containsAll(acknowledged);
        } finally {
            stop.set(true);
            clients.shutdownNow();
            kafka.close();
        }
    }

    /** Reads the topic until it has at least {@code expected} distinct ids or 60 s passed. */
    private static Set<String> consumeAll(String bootstrapServers, int expected) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "ingest-outage-test");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (ids.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    String value = new String(record.value(), UTF_8);
                    ids.add(value.substring("{\"id\":\"".length(), value.length() - 2));
                }
            }
        }
        return ids;
    }
}
