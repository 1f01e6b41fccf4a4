package io.sluice.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.executor.plan.Column;
import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.executor.plan.TypeKind;
import io.sluice.server.ingest.EventSchema;
import io.sluice.server.ingest.IngestAccess;
import io.sluice.server.ingest.IngestStream;
import io.sluice.server.ingest.IngestStreams;
import io.sluice.server.ingest.StreamRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input gets exactly the documented status, nothing refused reaches the sink,
 * and the counters add up: accepted + rejected = offered.
 */
final class TestPoisonCorpus {
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void everyPoisonGetsItsStatusAndTheCountersAddUp() throws Exception {
        FakeEventSink sink = new FakeEventSink();
        EventSchema schema =
                new EventSchema(
                        "orders",
                        new RowSchema(
                                List.of(
                                        new Column(
                                                "order_id",
                                                SqlType.of(TypeKind.BIGINT).withNullable(false)),
                                        new Column("note", SqlType.of(TypeKind.TEXT)))),
                        List.of());
        StreamRegistry streams =
                new StreamRegistry(
                        IngestStreams.of(
                                IngestStream.plain("default", "events"),
                                new IngestStream(
                                        "orders",
                                        "orders",
                                        Optional.empty(),
                                        Optional.of("orders"),
                                        io.sluice.server.ingest.Enrichment.none())),
                        table -> Optional.of(schema));
        try (IngestHttpServer server =
                IngestHttpServer.start(
                        IngestConfig.defaults("events").withPort(0),
                        sink,
                        new IngestMetrics(),
                        () -> true,
                        streams,
                        IngestAccess.open())) {
            Poster post = new Poster(server);
            int offered = 0;

            assertThat(post.json("/ingest", "{\"a\": [1, 2").statusCode()).isEqualTo(400);
            offered++;
            byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'};
            assertThat(post.send("/ingest", "application/json", invalidUtf8, null).statusCode())
                    .isEqualTo(400);
            offered++;
            String deep = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
            assertThat(post.json("/ingest", deep).statusCode()).isEqualTo(400);
            offered++;
            String longNumber = "{\"n\":" + "7".repeat(1_000_000) + "}";
            assertThat(post.json("/ingest", longNumber).statusCode()).isEqualTo(413);
            offered++;
            String hugeString = "{\"s\":\"" + "x".repeat(50 * 1024 * 1024) + "\"}";
            assertThat(post.json("/ingest", hugeString).statusCode()).isEqualTo(413);
            offered++;
            assertThat(post.json("/ingest", "{\"a\":1,\"a\":2}").statusCode()).isEqualTo(400);
            offered++;
            assertThat(post.json("/ingest/orders", "{\"order_id\":\"one\"}").statusCode())
                    .isEqualTo(422);
            offered++;
            assertThat(post.json("/ingest/orders", "{\"note\":\"no id\"}").statusCode())
                    .isEqualTo(422);
            offered++;
            byte[] bomb = gzip(new byte[100 * 1024 * 1024]);
            assertThat(post.send("/ingest", "application/json", bomb, "gzip").statusCode())
                    .isEqualTo(413);
            offered++;
            HttpResponse<String> ndjson =
                    post.send(
                            "/ingest",
                            "application/x-ndjson",
                            "{\"ok\":1}\n{\"bad\":\n{\"ok\":2}\n".getBytes(UTF_8),
                            null);
            assertThat(ndjson.statusCode()).isEqualTo(200);
            assertThat(ndjson.body()).startsWith("{\"accepted\":2,\"rejected\":1,");
            offered += 3;
            assertThat(post.send("/ingest", "text/csv", "a,b".getBytes(UTF_8), null).statusCode())
                    .isEqualTo(415);
            offered++;
            assertThat(post.json("/ingest/orders", "{\"order_id\":7}").statusCode()).isEqualTo(200);
            offered++;

            assertThat(sink.publishedValues())
                    .containsExactly("{\"ok\":1}", "{\"ok\":2}", "{\"order_id\":7}");
            IngestMetrics metrics = server.metrics();
            assertThat(metrics.acceptedEvents()).isEqualTo(3);
            assertThat(metrics.failedEvents()).isZero();
            assertThat(metrics.acceptedEvents() + metrics.rejectedEvents()).isEqualTo(offered);
            assertThat(metrics.rejectedEvents(RejectReason.SCHEMA_VIOLATION)).isEqualTo(2);
            assertThat(metrics.rejectedEvents(RejectReason.BODY_TOO_LARGE)).isEqualTo(2);
        }
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    private final class Poster {
        private final IngestHttpServer server;

        Poster(IngestHttpServer server) {
            this.server = server;
        }

        HttpResponse<String> json(String path, String body) throws Exception {
            return send(path, "application/json", body.getBytes(UTF_8), null);
        }

        HttpResponse<String> send(String path, String contentType, byte[] body, String encoding)
                throws Exception {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(server.baseUri().resolve(path))
                            .header("Content-Type", contentType)
                            .POST(BodyPublishers.ofByteArray(body));
            if (encoding != null) {
                request.header("Content-Encoding", encoding);
            }
            return client.send(request.build(), BodyHandlers.ofString());
        }
    }
}
