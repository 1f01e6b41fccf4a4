package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.server.ingest.ApiKey;
import io.sluice.server.ingest.ApiKeySecrets;
import io.sluice.server.ingest.ApiKeyStore.StoredKey;
import io.sluice.server.ingest.ApiKeys;
import io.sluice.server.ingest.Enrichment;
import io.sluice.server.ingest.EventSchema;
import io.sluice.server.ingest.IngestAccess;
import io.sluice.server.ingest.IngestStream;
import io.sluice.server.ingest.IngestStreams;
import io.sluice.server.ingest.StreamRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named streams, schemas, API keys, rate limits, slow clients and metrics of the endpoint. */
final class TestIngestStreamsAndKeys {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FakeEventSink sink = new FakeEventSink();
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private final List<StoredKey> storedKeys = new CopyOnWriteArrayList<>();
    private final String webKey = addKey(new ApiKey("web", Set.of("clicks"), OptionalInt.empty()));
    private final String slowKey = addKey(new ApiKey("slow", Set.of("*"), OptionalInt.of(2)));
    private ApiKeys keys;
    private IngestHttpServer server;

    @BeforeEach
    void start() {
        EventSchema schema =
                new EventSchema(
                        "orders",
                        new RowSchema(
                                List.of(
                                        new Column(
                                                "order_id",
                                                SqlType.of(TypeKind.BIGINT).withNullable(false)),
                                        new Column("amount", SqlType.decimal(10, 2)))),
                        List.of());
        IngestStreams streams =
                IngestStreams.of(
                        IngestStream.plain("default", "analytics"),
                        new IngestStream(
                                "clicks",
                                "web-clicks",
                                Optional.of("user_id"),
                                Optional.empty(),
                                new Enrichment(true, false, true)),
                        new IngestStream(
                                "orders",
                                "orders-topic",
                                Optional.empty(),
                                Optional.of("orders"),
                                Enrichment.none()));
        StreamRegistry registry =
                new StreamRegistry(
                        streams,
                        table -> table.equals("orders") ? Optional.of(schema) : Optional.empty());
        keys = new ApiKeys(() -> List.copyOf(storedKeys));
        server =
                IngestHttpServer.start(
                        IngestConfig.defaults("analytics")
                                .withPort(0)
                                .withHeaderTimeout(Duration.ofSeconds(1)),
                        sink,
                        new IngestMetrics(),
                        () -> true,
                        registry,
                        IngestAccess.withKeys(keys, 1000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void namedStreamGoesToItsTopicKeyedAndEnriched() throws IOException {
        HttpResponse<String> response =
                post("/ingest/clicks", webKey, "{\"user_id\":\"u-1\",\"page\":\"/\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        FakeEventSink.Call call = sink.calls().get(0);
        assertThat(call.topic()).isEqualTo("web-clicks");
        Event event = call.events().get(0);
        assertThat(new String(event.key(), UTF_8)).isEqualTo("u-1");
        JsonNode value = MAPPER.readTree(event.value());
        assertThat(value.get("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(value.get("receive_time").asText()).endsWith("Z");
    }

    @Test
    void missingOrUnknownKeyAnswers401() throws IOException {
        HttpResponse<String> missing = post("/ingest/clicks", null, "{}");
        HttpResponse<String> unknown = post("/ingest/clicks", ApiKeySecrets.generate(), "{}");

        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("www-authenticate")).hasValue("Bearer");
        assertThat(MAPPER.readTree(missing.body()).get("reason").asText())
                .isEqualTo("unauthorized");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(MAPPER.readTree(unknown.body()).get("error").asText())
                .isEqualTo("unknown or revoked API key");
        assertThat(sink.calls()).isEmpty();
        assertThat(server.metrics().rejectedEvents(RejectReason.UNAUTHORIZED)).isEqualTo(2);
    }

    @Test
    void revokedKeyAnswers401AfterRefresh() {
        assertThat(post("/ingest/clicks", webKey, "{}").statusCode()).isEqualTo(200);

        storedKeys.removeIf(stored -> stored.key().name().equals("web"));
        keys.refresh();

        assertThat(post("/ingest/clicks", webKey, "{}").statusCode()).isEqualTo(401);
    }

    @Test
    void keyForAnotherStreamAnswers403() throws IOException {
        HttpResponse<String> response = post("/ingest/orders", webKey, "{\"order_id\":1}");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(response.body()).get("error").asText())
                .isEqualTo("API key \"web\" may not post to stream \"orders\"");
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void unknownStreamAnswers404() throws IOException {
        HttpResponse<String> response = post("/ingest/nope", slowKey, "{}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(MAPPER.readTree(response.body()).get("reason").asText())
                .isEqualTo("unknown_stream");
    }

    @Test
    void rateLimitAnswers429WithRetryAfter() {
        // The key may post 2 events per second; a batch of 5 puts it into debt.
        HttpResponse<String> first =
                post("/ingest", slowKey, "[{\"a\":1},{\"a\":2},{\"a\":3},{\"a\":4},{\"a\":5}]");
        HttpResponse<String> second = post("/ingest", slowKey, "{\"a\":6}");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(429);
        assertThat(second.headers().firstValue("retry-after")).isPresent();
        assertThat(Long.parseLong(second.headers().firstValue("retry-after").orElseThrow()))
                .isPositive();
        assertThat(sink.publishedValues()).hasSize(5);
        assertThat(server.metrics().rejectedEvents(RejectReason.RATE_LIMITED)).isEqualTo(1);
    }

    @Test
    void schemaViolationOfASingleEventAnswers422WithTheField() throws IOException {
        HttpResponse<String> response = post("/ingest/orders", slowKey, "{\"order_id\":\"seven\"}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("reason").asText()).isEqualTo("schema_violation");
        assertThat(error.get("field").asText()).isEqualTo("order_id");
        assertThat(error.get("error").asText())
                .isEqualTo(
                        "field \"order_id\": expected BIGINT (an integer in range), got a string");
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void schemaViolationsInABatchAreListedPerLine() throws IOException {
        String body =
                "{\"order_id\":1,\"amount\":9.5}\n"
                        + "{\"amount\":1}\n"
                        + "not json\n"
                        + "{\"order_id\":2,\"amount\":true}\n"
                        + "{\"order_id\":3}\n";

        HttpResponse<String> response =
                post("/ingest/orders", slowKey, body, "application/x-ndjson");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = MAPPER.readTree(response.body());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("rejected").asInt()).isEqualTo(3);
        JsonNode errors = summary.get("errors");
        assertThat(errors.get(0).get("index").asInt()).isEqualTo(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("order_id");
        assertThat(errors.get(0).get("error").asText())
                .isEqualTo("field \"order_id\": required field is missing");
        assertThat(errors.get(1).get("index").asInt()).isEqualTo(2);
        assertThat(errors.get(1).get("reason").asText()).isEqualTo("invalid_json");
        assertThat(errors.get(2).get("index").asInt()).isEqualTo(3);
        assertThat(errors.get(2).get("field").asText()).isEqualTo("amount");
        assertThat(sink.publishedValues())
                .containsExactly("{\"order_id\":1,\"amount\":9.5}", "{\"order_id\":3}");
        assertThat(sink.calls().get(0).topic()).isEqualTo("orders-topic");
    }

    @Test
    void metricsAreServedInThePrometheusTextFormat() {
        post("/ingest", slowKey, "{\"a\":1}");
        post("/ingest/orders", slowKey, "{}");

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("/metrics")).GET().build());

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("content-type").orElseThrow())
                .startsWith("text/plain");
        assertThat(metrics.body())
                .contains("sluice_ingest_events_accepted_total{stream=\"default\"} 1.0")
                .contains(
                        "sluice_ingest_events_rejected_total{reason=\"schema_violation\",stream=\"orders\"}"
                            + " 1.0")
                .contains("sluice_ingest_events_failed_total{stream=\"default\"} 0.0")
                .contains("sluice_ingest_request_duration_seconds_count 2");
    }

    @Test
    void countersAreLabelledByStream() {
        post("/ingest/clicks", webKey, "{\"user_id\":\"u-1\"}");
        post("/ingest/clicks", webKey, "[{\"user_id\":\"u-2\"},{\"user_id\":\"u-3\"}]");
        post("/ingest/orders", slowKey, "{\"order_id\":1,\"amount\":2.5}");
        post("/ingest/orders", slowKey, "{\"amount\":2.5}");
        post("/ingest/clicks", webKey, "not json");
        post("/ingest/made-up", webKey, "{}");

        String body = send(HttpRequest.newBuilder(uri("/metrics")).GET().build()).body();

        assertThat(body)
                .contains("sluice_ingest_events_accepted_total{stream=\"clicks\"} 3.0")
                .contains("sluice_ingest_events_accepted_total{stream=\"orders\"} 1.0")
                .contains(
                        "sluice_ingest_events_rejected_total{reason=\"invalid_json\",stream=\"clicks\"}"
                            + " 1.0")
                .contains(
                        "sluice_ingest_events_rejected_total{reason=\"schema_violation\",stream=\"orders\"}"
                            + " 1.0")
                .contains(
                        "sluice_ingest_events_rejected_total{reason=\"unknown_stream\",stream=\"\"}"
                                + " 1.0")
                .doesNotContain("made-up");
        assertThat(server.metrics().acceptedEvents("clicks")).isEqualTo(3);
        assertThat(server.metrics().acceptedEvents()).isEqualTo(4);
        assertThat(server.metrics().rejectedEvents("orders", RejectReason.SCHEMA_VIOLATION))
                .isEqualTo(1);
        assertThat(server.metrics().rejectedEvents(RejectReason.UNKNOWN_STREAM)).isEqualTo(1);
    }

    @Test
    void clientThatDoesNotFinishItsHeadIsClosed() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /ingest HTTP/1.1\r\nHost: x\r\n".getBytes(UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();

            // The server closes the connection without an answer: end of stream.
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(sink.calls()).isEmpty();
    }

    private String addKey(ApiKey key) {
        String secret = ApiKeySecrets.generate();
        storedKeys.add(
                new StoredKey(
                        HexFormat.of().formatHex(ApiKeySecrets.hash(secret).orElseThrow()), key));
        return secret;
    }

    private HttpResponse<String> post(String path, String key, String body) {
        return post(path, key, body, "application/json");
    }

    private HttpResponse<String> post(String path, String key, String body, String contentType) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path))
                        .header("Content-Type", contentType)
                        .POST(BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return server.baseUri().resolve(path);
    }
}
