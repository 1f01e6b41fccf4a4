package io.sluice.clients;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.clients.StubIngestServer.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class TestEventClient {
    private static final Answer UNAVAILABLE =
            new Answer(
                    503,
                    Map.of("Retry-After", "0"),
                    "{\"error\":\"down\",\"code\":\"EXTERNAL_UNAVAILABLE\"}");

    private final StubIngestServer stub = new StubIngestServer();

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private EventClient.Builder client() {
        return EventClient.builder(stub.baseUri())
                .linger(Duration.ofSeconds(30))
                .backoff(Duration.ofMillis(1), Duration.ofMillis(10));
    }

    @Test
    void batchesEventsAsNdjson() {
        try (EventClient client = client().batchSize(3).bearerToken("secret").build()) {
            List<CompletableFuture<Void>> results = new ArrayList<>();
            results.add(client.send(Map.of("n", 1)));
            results.add(client.send("{\"n\":\n2}".getBytes(UTF_8)));
            results.add(client.send(Map.of("n", 3)));

            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).join();

            assertThat(stub.received()).hasSize(1);
            StubIngestServer.Received request = stub.received().get(0);
            assertThat(request.header("Content-Type")).isEqualTo("application/x-ndjson");
            assertThat(request.header("Authorization")).isEqualTo("Bearer secret");
            assertThat(request.lines()).containsExactly("{\"n\":1}", "{\"n\": 2}", "{\"n\":3}");
        }
    }

    @Test
    void lingerSendsAPartialBatch() {
        try (EventClient client = client().batchSize(100).linger(Duration.ofMillis(20)).build()) {
            CompletableFuture<Void> first = client.send(Map.of("n", 1));
            CompletableFuture<Void> second = client.send(Map.of("n", 2));

            // No flush: only the linger timer can send these.
            CompletableFuture.allOf(first, second).join();

            assertThat(stub.received()).hasSize(1);
            assertThat(stub.received().get(0).lines()).hasSize(2);
        }
    }

    @Test
    void flushSendsWhatIsBufferedAndCloseRefusesMore() {
        EventClient client = client().batchSize(100).build();
        CompletableFuture<Void> result = client.send(Map.of("n", 1));

        client.flush();

        assertThat(result).isCompleted();
        assertThat(stub.allLines()).containsExactly("{\"n\":1}");
        client.close();
        assertThatThrownBy(() -> client.send(Map.of("n", 2)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void largeVolumesSplitIntoBatches() {
        try (EventClient client = client().batchSize(50).build()) {
            LoadGenerator generator = new LoadGenerator(1);
            List<CompletableFuture<Void>> results = new ArrayList<>();
            for (int i = 0; i < 220; i++) {
                results.add(client.send(generator.next()));
            }
            client.flush();

            assertThat(results).allSatisfy(result -> assertThat(result).isCompleted());
            assertThat(stub.received()).hasSize(5);
            assertThat(stub.allLines()).hasSize(220);
        }
    }

    @Test
    void retriesOn503UntilAccepted() {
        stub.thenAnswer(UNAVAILABLE);
        stub.thenAnswer(new Answer(429, Map.of(), "slow down"));

        try (EventClient client = client().maxRetries(3).build()) {
            CompletableFuture<Void> result = client.send(Map.of("n", 1));
            client.flush();

            assertThat(result).isCompleted();
            assertThat(stub.received()).hasSize(3);
            assertThat(stub.received())
                    .allSatisfy(request -> assertThat(request.body()).isEqualTo("{\"n\":1}\n"));
        }
    }

    @Test
    void givesUpAfterMaxRetriesWithAClearError() {
        stub.alwaysAnswer(UNAVAILABLE);

        try (EventClient client = client().maxRetries(2).build()) {
            CompletableFuture<Void> result = client.send(Map.of("n", 1));
            client.flush();

            assertThatThrownBy(result::join)
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(EventClientException.class)
                    .hasMessageStartingWith(
                            "Giving up after 3 attempts to send 1 events; last answer: HTTP 503");
            assertThat(stub.received()).hasSize(3);
            EventClientException failure =
                    (EventClientException) result.handle((ok, e) -> e).join();
            assertThat(failure.statusCode()).hasValue(503);
        }
    }

    @Test
    void clientErrorsAreNotRetried() {
        stub.alwaysAnswer(new Answer(415, Map.of(), "{\"error\":\"unsupported content type\"}"));

        try (EventClient client = client().maxRetries(5).build()) {
            CompletableFuture<Void> result = client.send(Map.of("n", 1));
            client.flush();

            assertThatThrownBy(result::join)
                    .cause()
                    .isInstanceOf(EventClientException.class)
                    .hasMessageContaining("HTTP 415");
            assertThat(stub.received()).hasSize(1);
        }
    }

    @Test
    void refusedEventsFailAlone() {
        stub.thenAnswer(
                new Answer(
                        200,
                        Map.of(),
                        "{\"accepted\":1,\"rejected\":1,\"errors\":[{\"index\":1,\"error\":\"an"
                                + " event must be a JSON object, not a"
                                + " number\",\"reason\":\"not_an_object\"}]}"));

        try (EventClient client = client().batchSize(2).build()) {
            CompletableFuture<Void> good = client.send(Map.of("n", 1));
            CompletableFuture<Void> bad = client.send("42".getBytes(UTF_8));
            client.flush();

            assertThat(good).isCompleted();
            assertThatThrownBy(bad::join)
                    .cause()
                    .isInstanceOfSatisfying(
                            EventRejectedException.class,
                            e -> {
                                assertThat(e.reason()).isEqualTo("not_an_object");
                                assertThat(e.getMessage()).contains("not a number");
                            });
        }
    }

    @Test
    void networkErrorsAreRetriedThenReported() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try (EventClient client =
                EventClient.builder(URI.create("http://127.0.0.1:" + closedPort))
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                        .maxRetries(1)
                        .build()) {
            CompletableFuture<Void> result = client.send(Map.of("n", 1));
            client.flush();

            assertThatThrownBy(result::join)
                    .cause()
                    .isInstanceOf(EventClientException.class)
                    .hasMessageStartingWith("Giving up after 2 attempts")
                    .hasCauseInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void gzipBodiesAreMarked() {
        try (EventClient client = client().gzip(true).build()) {
            client.send(Map.of("n", 1));
            client.flush();

            assertThat(stub.received())
                    .singleElement()
                    .satisfies(
                            request ->
                                    assertThat(request.header("Content-Encoding"))
                                            .isEqualTo("gzip"));
        }
    }

    @Test
    void retryAfterAcceptsSecondsAndDates() {
        Instant now = Instant.parse("2025-01-15T17:24:53Z");

        assertThat(RetryAfter.parse("3", now)).hasValue(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Wed, 15 Jan 2025 17:25:03 GMT", now))
                .hasValue(Duration.ofSeconds(10));
        assertThat(RetryAfter.parse("Wed, 15 Jan 2025 17:00:00 GMT", now)).hasValue(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }
}
