package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestIngestHttpServer {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOPIC = "events";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    private final FakeEventSink sink = new FakeEventSink();
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
    private IngestHttpServer server;

    @BeforeEach
    void startServer() {
        server = start(IngestConfig.defaults(TOPIC).withPort(0));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private IngestHttpServer start(IngestConfig config) {
        return IngestHttpServer.start(config, sink);
    }

    @Test
    void singleEventAnswersOkAfterTheAck() {
        HttpResponse<String> response = post("application/json", "{\"msg\": \"test\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(sink.calls())
                .singleElement()
                .extracting(FakeEventSink.Call::topic)
                .isEqualTo(TOPIC);
        assertThat(sink.publishedValues()).containsExactly("{\"msg\": \"test\"}");
        assertThat(server.metrics().acceptedEvents()).isEqualTo(1);
    }

    @Test
    void curlDefaultContentTypeIsReadAsJson() {
        HttpResponse<String> response =
                post("application/x-www-form-urlencoded", "{\"msg\": \"test\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
    }

    @Test
    void ndjsonBatchAnswersSummaryAndProducesTheValidLines() throws IOException {
        String body = "{\"a\":1}\n{\"a\":2\n\n[1,2]\n{\"a\":3}\n";

        HttpResponse<String> response = post("application/x-ndjson", body);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = MAPPER.readTree(response.body());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("rejected").asInt()).isEqualTo(2);
        assertThat(summary.get("errors")).hasSize(2);
        assertThat(summary.get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(summary.get("errors").get(0).get("error").asText())
                .startsWith("invalid JSON at column");
        assertThat(summary.get("errors").get(1).get("index").asInt()).isEqualTo(3);
        assertThat(summary.get("errors").get(1).get("error").asText())
                .isEqualTo("an event must be a JSON object, not an array");
        assertThat(sink.publishedValues()).containsExactly("{\"a\":1}", "{\"a\":3}");
        assertThat(server.metrics().acceptedEvents()).isEqualTo(2);
        assertThat(server.metrics().rejectedEvents(RejectReason.INVALID_JSON)).isEqualTo(1);
        assertThat(server.metrics().rejectedEvents(RejectReason.NOT_AN_OBJECT)).isEqualTo(1);
    }

    @Test
    void jsonArrayIsABatch() throws IOException {
        HttpResponse<String> response =
                post("application/json", "[{\"a\":1}, 7, {\"b\":{\"c\":[1,2]}}]");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode summary = MAPPER.readTree(response.body());
        assertThat(summary.get("accepted").asInt()).isEqualTo(2);
        assertThat(summary.get("rejected").asInt()).isEqualTo(1);
        assertThat(summary.get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(sink.publishedValues()).containsExactly("{\"a\":1}", "{\"b\":{\"c\":[1,2]}}");
    }

    @Test
    void invalidJsonAnswers400WithTheReason() throws IOException {
        HttpResponse<String> response = post("application/json", "{\"a\": }");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("error").asText())
                .startsWith("invalid JSON at line 1 column 7: Unexpected character");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_TEXT_REPRESENTATION");
        assertThat(error.get("reason").asText()).isEqualTo("invalid_json");
        assertThat(sink.calls()).isEmpty();
        assertThat(server.metrics().rejectedEvents(RejectReason.INVALID_JSON)).isEqualTo(1);
    }

    @Test
    void duplicateKeysAnswer400() throws IOException {
        HttpResponse<String> response = post("application/json", "{\"a\":1,\"a\":2}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MAPPER.readTree(response.body());
        assertThat(error.get("reason").asText()).isEqualTo("invalid_json");
        assertThat(error.get("error").asText()).contains("Duplicate field 'a'");
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void bodyThatDoesNotArriveInTimeAnswers408AndCloses() throws IOException {
        try (IngestHttpServer slow =
                        start(
                                IngestConfig.defaults(TOPIC)
                                        .withPort(0)
                                        .withRequestTimeout(Duration.ofMillis(500)));
                Socket socket = new Socket("127.0.0.1", slow.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(
                            ("POST /ingest HTTP/1.1\r\n"
                                            + "Host: x\r\n"
                                            + "Content-Length: 100\r\n\r\n"
                                            + "{\"a\":")
                                    .getBytes(UTF_8));
            socket.getOutputStream().flush();

            String answer = new String(socket.getInputStream().readAllBytes(), UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout");
            assertThat(sink.calls()).isEmpty();
        }
    }

    @Test
    void scalarEventAnswers400() throws IOException {
        HttpResponse<String> response = post("application/json", "42");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(response.body()).get("error").asText())
                .isEqualTo("an event must be a JSON object, not a number");
    }

    @Test
    void invalidUtf8Answers400() throws IOException {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        HttpResponse<String> response = post("application/json", body, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(response.body()).get("reason").asText())
                .isEqualTo("invalid_utf8");
    }

    @Test
    void tooDeepEventAnswers400() throws IOException {
        String body = "{\"a\":" + "[".repeat(64) + "]".repeat(64) + "}";

        HttpResponse<String> response = post("application/json", body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(response.body()).get("reason").asText()).isEqualTo("too_deep");
    }

    @Test
    void bodyOverTheLimitAnswers413() throws IOException {
        String body = "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = post("application/json", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(MAPPER.readTree(response.body()).get("code").asText())
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(sink.calls()).isEmpty();
        assertThat(server.metrics().rejectedEvents(RejectReason.BODY_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void singleEventOverTheEventLimitAnswers413() throws IOException {
        String body = "{\"padding\":\"" + "x".repeat(300 * 1024) + "\"}";

        HttpResponse<String> response = post("application/json", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(MAPPER.readTree(response.body()).get("reason").asText())
                .isEqualTo("event_too_large");
    }

    @Test
    void unsupportedContentTypeAnswers415() {
        HttpResponse<String> response = post("application/xml", "<event/>");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(sink.calls()).isEmpty();
        assertThat(server.metrics().rejectedEvents(RejectReason.UNSUPPORTED_MEDIA_TYPE))
                .isEqualTo(1);
    }

    @Test
    void unknownPathAnswers404() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/nope")).GET().build());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void wrongMethodAnswers405() {
        HttpResponse<String> ingest = send(HttpRequest.newBuilder(uri("/ingest")).GET().build());
        HttpResponse<String> health =
                send(
                        HttpRequest.newBuilder(uri("/health"))
                                .POST(BodyPublishers.ofString("{}"))
                                .build());

        assertThat(ingest.statusCode()).isEqualTo(405);
        assertThat(ingest.headers().firstValue("allow")).hasValue("POST");
        assertThat(health.statusCode()).isEqualTo(405);
        assertThat(health.headers().firstValue("allow")).hasValue("GET");
    }

    @Test
    void healthAnswersOk() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/health")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
    }

    @Test
    void gzipBodyIsAccepted() {
        HttpResponse<String> response =
                post("application/json", gzip("{\"msg\":\"compressed\"}".getBytes(UTF_8)), "gzip");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(sink.publishedValues()).containsExactly("{\"msg\":\"compressed\"}");
    }

    @Test
    void gzipBombIsRefusedWith413() throws IOException {
        // 16 MiB of spaces compress to about 16 KiB, well under the 1 MiB body limit.
        byte[] bomb = gzip(new byte[16 * 1024 * 1024], (byte) ' ');
        assertThat(bomb.length).isLessThan(IngestConfig.DEFAULT_MAX_BODY_BYTES);

        HttpResponse<String> response = post("application/json", bomb, "gzip");

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(MAPPER.readTree(response.body()).get("error").asText())
                .isEqualTo("decompressed body exceeds 1048576 bytes");
        assertThat(sink.calls()).isEmpty();
    }

    @Test
    void corruptGzipAnswers400() {
        HttpResponse<String> response =
                post("application/json", "not gzip at all".getBytes(UTF_8), "gzip");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void sinkFailureAnswers503WithRetryAfter() throws IOException {
        sink.setMode(FakeEventSink.Mode.FAIL);

        HttpResponse<String> response = post("application/json", "{\"a\":1}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
        assertThat(MAPPER.readTree(response.body()).get("code").asText())
                .isEqualTo("EXTERNAL_UNAVAILABLE");
        assertThat(server.metrics().failedEvents()).isEqualTo(1);
        assertThat(server.metrics().acceptedEvents()).isZero();
    }

    @Test
    void noAnswerBeforeTheSinkCompletes() {
        sink.setMode(FakeEventSink.Mode.HOLD);

        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(
                        postRequest("application/json", "{\"a\":1}"), BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.calls().size() == 1);
        // Another request served end to end shows the event loop has moved on meanwhile.
        assertThat(send(HttpRequest.newBuilder(uri("/health")).GET().build()).statusCode())
                .isEqualTo(200);

        assertThat(response).isNotDone();
        sink.calls().get(0).future().complete(null);
        assertThat(response.join().statusCode()).isEqualTo(200);
        assertThat(response.join().body()).isEqualTo("ok");
    }

    @Test
    void sinkThatNeverAnswersTimesOutWith503() {
        server.close();
        server =
                start(
                        IngestConfig.defaults(TOPIC)
                                .withPort(0)
                                .withRequestTimeout(Duration.ofMillis(300)));
        sink.setMode(FakeEventSink.Mode.HOLD);

        HttpResponse<String> response = post("application/json", "{\"a\":1}");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
        assertThat(server.metrics().failedEvents()).isEqualTo(1);
    }

    @Test
    void connectionIsReusedAcrossRequests() {
        for (int i = 0; i < 5; i++) {
            assertThat(post("application/json", "{\"i\":" + i + "}").statusCode()).isEqualTo(200);
        }
        assertThat(post("application/json", "{broken").statusCode()).isEqualTo(400);
        assertThat(post("application/json", "{\"i\":5}").statusCode()).isEqualTo(200);

        assertThat(sink.publishedValues()).hasSize(6);
        assertThat(server.metrics().acceptedEvents()).isEqualTo(6);
    }

    private HttpResponse<String> post(String contentType, String body) {
        return send(postRequest(contentType, body));
    }

    private HttpResponse<String> post(String contentType, byte[] body, String contentEncoding) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri("/ingest"))
                        .timeout(REQUEST_TIMEOUT)
                        .header("Content-Type", contentType)
                        .POST(BodyPublishers.ofByteArray(body));
        if (contentEncoding != null) {
            request.header("Content-Encoding", contentEncoding);
        }
        return send(request.build());
    }

    private HttpRequest postRequest(String contentType, String body) {
        return HttpRequest.newBuilder(uri("/ingest"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(BodyPublishers.ofString(body, UTF_8))
                .build();
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

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(output)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toByteArray();
    }

    private static byte[] gzip(byte[] bytes, byte fill) {
        java.util.Arrays.fill(bytes, fill);
        return gzip(bytes);
    }
}
