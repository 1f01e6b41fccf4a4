package io.sluice.clients;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A tiny {@code POST /ingest} endpoint: records each request and answers from a script, then by
 * default with a summary accepting every line.
 */
@SuppressForbidden(reason = "the JDK's built-in HTTP server is the smallest real endpoint")
final class StubIngestServer implements AutoCloseable {
    record Received(Map<String, List<String>> headers, String body) {
        List<String> lines() {
            return body.lines().toList();
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Function<Received, Answer>> script =
            new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> fallback = StubIngestServer::acceptAll;

    StubIngestServer() {
        try {
            server =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/ingest", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Received> received() {
        return received;
    }

    /** The next requests get these answers, in order. */
    void thenAnswer(Answer answer) {
        script.add(request -> answer);
    }

    void alwaysAnswer(Answer answer) {
        fallback = request -> answer;
    }

    static Answer acceptAll(Received request) {
        int lines = request.lines().size();
        return new Answer(
                200,
                Map.of("Content-Type", "application/json"),
                "{\"accepted\":" + lines + ",\"rejected\":0,\"errors\":[]}");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream input = exchange.getRequestBody()) {
            body = new String(input.readAllBytes(), UTF_8);
        }
        Received request = new Received(Map.copyOf(exchange.getRequestHeaders()), body);
        received.add(request);
        Function<Received, Answer> next = script.poll();
        Answer answer = (next != null ? next : fallback).apply(request);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] bytes = answer.body().getBytes(UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(bytes);
        }
    }

    List<String> allLines() {
        List<String> lines = new ArrayList<>();
        received.forEach(request -> lines.addAll(request.lines()));
        return lines;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
