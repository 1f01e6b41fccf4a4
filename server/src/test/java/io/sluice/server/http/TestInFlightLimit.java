package io.sluice.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Events waiting for a slow store are bounded in bytes; past the bound requests get 429. */
final class TestInFlightLimit {
    @Test
    void requestsBeyondTheInFlightBytesAnswer429UntilTheStoreCatchesUp() throws Exception {
        FakeEventSink sink = new FakeEventSink();
        sink.setMode(FakeEventSink.Mode.HOLD);
        String event = "{\"padding\":\"" + "x".repeat(600) + "\"}";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (IngestHttpServer server =
                IngestHttpServer.start(
                        IngestConfig.defaults("events")
                                .withPort(0)
                                .withSizeLimits(1000, 1000)
                                .withMaxInFlightBytes(1000),
                        sink)) {
            HttpRequest request =
                    HttpRequest.newBuilder(server.baseUri().resolve("/ingest"))
                            .header("Content-Type", "application/json")
                            .POST(BodyPublishers.ofString(event))
                            .build();
            CompletableFuture<HttpResponse<String>> held =
                    client.sendAsync(request, BodyHandlers.ofString());
            await().until(() -> sink.calls().size() == 1);

            HttpResponse<String> refused = client.send(request, BodyHandlers.ofString());

            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
            assertThat(refused.body()).contains("\"reason\":\"overloaded\"");
            assertThat(server.metrics().rejectedEvents(RejectReason.OVERLOADED)).isEqualTo(1);

            sink.calls().get(0).future().complete(null);
            assertThat(held.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            sink.setMode(FakeEventSink.Mode.ACKNOWLEDGE);
            assertThat(client.send(request, BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
