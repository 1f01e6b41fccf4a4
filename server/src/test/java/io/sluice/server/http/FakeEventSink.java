package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sink that records what it is given and completes as the test says. */
final class FakeEventSink implements EventSink {
    enum Mode {
        ACKNOWLEDGE,
        FAIL,
        HOLD
    }

    record Call(String topic, List<Event> events, CompletableFuture<Void> future) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACKNOWLEDGE;

    void setMode(Mode mode) {
        this.mode = requireNonNull(mode, "mode is null");
    }

    List<Call> calls() {
        return calls;
    }

    List<String> publishedValues() {
        return calls.stream()
                .flatMap(call -> call.events().stream())
                .map(event -> new String(event.value(), java.nio.charset.StandardCharsets.UTF_8))
                .toList();
    }

    @Override
    public CompletableFuture<Void> publish(String topic, List<Event> events) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        calls.add(new Call(topic, List.copyOf(events), future));
        switch (mode) {
            case ACKNOWLEDGE -> future.complete(null);
            case FAIL ->
                    future.completeExceptionally(new IllegalStateException("broker not reachable"));
            case HOLD -> {}
        }
        return future;
    }
}
