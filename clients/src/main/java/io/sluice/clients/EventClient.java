package io.sluice.clients;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

/**
 * Sends events to a Sluice ingest endpoint ({@code POST /ingest}), batched as NDJSON.
 *
 * <p>{@link #send} buffers an event and returns at once with a future; a batch leaves when it holds
 * {@code batchSize} events or {@code maxBatchBytes}, or {@code linger} after its first event. The
 * future completes when the endpoint confirmed the event is stored, and fails with {@link
 * EventRejectedException} if the endpoint refused that event, or with {@link EventClientException}
 * if the batch could not be delivered. Answers 429 and 503 and network errors are retried with
 * exponential backoff (at least as long as the endpoint's {@code Retry-After}), up to {@code
 * maxRetries} times. A retried batch may be stored twice if an earlier attempt reached the broker
 * but its answer was lost.
 *
 * <p>Memory is bounded: when {@code maxPendingEvents} are buffered or in flight, {@link #send}
 * blocks until some complete. Thread-safe.
 */
public final class EventClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventClient.class.getName());
    private static final String NDJSON = "application/x-ndjson";

    private final URI ingestUri;
    private final Optional<String> authorization;
    private final int batchSize;
    private final int maxBatchBytes;
    private final Duration linger;
    private final int maxRetries;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;
    private final boolean gzip;
    private final ObjectMapper mapper;
    private final HttpClient httpClient;
    private final ScheduledExecutorService scheduler;
    private final Semaphore pendingEvents;
    private final int maxPendingEvents;
    private final Set<CompletableFuture<Void>> batchesInFlight = ConcurrentHashMap.newKeySet();

    // Guarded by this.
    private List<PendingEvent> buffer = new ArrayList<>();
    private int bufferBytes;
    private long batchNumber;
    private boolean closed;

    private EventClient(Builder builder) {
        this.ingestUri = URI.create(builder.baseUri.toString().replaceAll("/+$", "") + "/ingest");
        this.authorization = builder.bearerToken.map(token -> "Bearer " + token);
        this.batchSize = builder.batchSize;
        this.maxBatchBytes = builder.maxBatchBytes;
        this.linger = builder.linger;
        this.maxRetries = builder.maxRetries;
        this.initialBackoff = builder.initialBackoff;
        this.maxBackoff = builder.maxBackoff;
        this.requestTimeout = builder.requestTimeout;
        this.gzip = builder.gzip;
        this.mapper = builder.mapper;
        this.maxPendingEvents = builder.maxPendingEvents;
        this.pendingEvents = new Semaphore(builder.maxPendingEvents);
        this.httpClient =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(builder.connectTimeout)
                        .build();
        ScheduledThreadPoolExecutor scheduler =
                new ScheduledThreadPoolExecutor(
                        1,
                        runnable -> {
                            Thread thread = new Thread(runnable, "sluice-event-client");
                            thread.setDaemon(true);
                            return thread;
                        });
        // Once closed, every batch has been sent: pending linger timers have nothing to do.
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = scheduler;
    }

    /** A client for the endpoint at {@code baseUri}, e.g. {@code http://localhost:8080}. */
    public static Builder builder(URI baseUri) {
        return new Builder(baseUri);
    }

    /**
     * Sends an object serialized as JSON by Jackson; it must serialize to a JSON object.
     *
     * @throws IllegalArgumentException if it cannot be serialized
     */
    public CompletableFuture<Void> send(Object event) {
        requireNonNull(event, "event is null");
        if (event instanceof byte[] bytes) {
            return send(bytes);
        }
        try {
            return enqueue(mapper.writeValueAsBytes(event));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialize event as JSON", e);
        }
    }

    /** Sends one event given as the UTF-8 bytes of a JSON object. */
    public CompletableFuture<Void> send(byte[] event) {
        requireNonNull(event, "event is null");
        return enqueue(oneLine(event));
    }

    private CompletableFuture<Void> enqueue(byte[] line) {
        if (line.length + 1 > maxBatchBytes) {
            return CompletableFuture.failedFuture(
                    new EventClientException(
                            "event of "
                                    + line.length
                                    + " bytes exceeds the batch limit of "
                                    + maxBatchBytes
                                    + " bytes"));
        }
        try {
            pendingEvents.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for buffer space", e);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        result.whenComplete((ignored, failure) -> pendingEvents.release());
        List<List<PendingEvent>> ready = new ArrayList<>(2);
        synchronized (this) {
            if (closed) {
                pendingEvents.release();
                throw new IllegalStateException("EventClient is closed");
            }
            if (!buffer.isEmpty() && bufferBytes + line.length + 1 > maxBatchBytes) {
                ready.add(takeBuffer());
            }
            buffer.add(new PendingEvent(line, result));
            bufferBytes += line.length + 1;
            if (buffer.size() >= batchSize) {
                ready.add(takeBuffer());
            } else if (buffer.size() == 1) {
                long batch = batchNumber;
                scheduler.schedule(
                        () -> lingerExpired(batch), linger.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        ready.forEach(this::dispatch);
        return result;
    }

    private void lingerExpired(long batch) {
        List<PendingEvent> events;
        synchronized (this) {
            if (batch != batchNumber || buffer.isEmpty()) {
                return;
            }
            events = takeBuffer();
        }
        dispatch(events);
    }

    private List<PendingEvent> takeBuffer() {
        List<PendingEvent> events = buffer;
        buffer = new ArrayList<>();
        bufferBytes = 0;
        batchNumber++;
        return events;
    }

    /**
     * Sends whatever is buffered and waits until every batch sent so far is answered (stored,
     * refused or given up on). Failures are reported through the futures {@link #send} returned.
     */
    public void flush() {
        List<PendingEvent> events;
        synchronized (this) {
            events = buffer.isEmpty() ? List.of() : takeBuffer();
        }
        if (!events.isEmpty()) {
            dispatch(events);
        }
        CompletableFuture.allOf(batchesInFlight.toArray(CompletableFuture[]::new)).join();
    }

    /** The number of events buffered or in flight. */
    public int pendingEvents() {
        return maxPendingEvents - pendingEvents.availablePermits();
    }

    /** Sends what is buffered, waits for every answer, then stops; {@link #send} then fails. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        flush();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(List<PendingEvent> events) {
        Batch batch = new Batch(events, body(events));
        batchesInFlight.add(batch.done);
        batch.done.whenComplete((ignored, failure) -> batchesInFlight.remove(batch.done));
        attempt(batch, 0);
    }

    private byte[] body(List<PendingEvent> events) {
        ByteArrayOutputStream output = new ByteArrayOutputStream(bufferSize(events));
        try (var target = gzip ? new GZIPOutputStream(output) : output) {
            for (PendingEvent event : events) {
                target.write(event.line());
                target.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toByteArray();
    }

    private static int bufferSize(List<PendingEvent> events) {
        int size = 0;
        for (PendingEvent event : events) {
            size += event.line().length + 1;
        }
        return size;
    }

    private void attempt(Batch batch, int retry) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(ingestUri)
                        .timeout(requestTimeout)
                        .header("Content-Type", NDJSON)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        authorization.ifPresent(value -> request.header("Authorization", value));
        httpClient
                .sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(UTF_8))
                .whenComplete(
                        (response, failure) -> {
                            try {
                                onAnswer(batch, retry, response, failure);
                            } catch (RuntimeException e) {
                                batch.failAll(
                                        new EventClientException(
                                                "Cannot read the endpoint's answer", -1, e));
                            }
                        });
    }

    private void onAnswer(
            Batch batch, int retry, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
            if (cause instanceof IOException) {
                retryOrGiveUp(batch, retry, Optional.empty(), -1, cause.toString(), cause);
            } else {
                batch.failAll(new EventClientException("Cannot send events", -1, cause));
            }
            return;
        }
        int status = response.statusCode();
        if (status == 200) {
            completeFromSummary(batch, response.body());
        } else if (status == 429 || status == 503) {
            retryOrGiveUp(
                    batch,
                    retry,
                    RetryAfter.parse(
                            response.headers().firstValue("Retry-After").orElse(null),
                            Instant.now()),
                    status,
                    "HTTP " + status + ": " + response.body(),
                    null);
        } else {
            batch.failAll(
                    new EventClientException(
                            "Events refused with HTTP " + status + ": " + response.body(),
                            status,
                            null));
        }
    }

    private void retryOrGiveUp(
            Batch batch,
            int retry,
            Optional<Duration> retryAfter,
            int status,
            String problem,
            Throwable cause) {
        if (retry >= maxRetries) {
            batch.failAll(
                    new EventClientException(
                            "Giving up after "
                                    + (retry + 1)
                                    + " attempts to send "
                                    + batch.events.size()
                                    + " events; last answer: "
                                    + problem,
                            status,
                            cause));
            return;
        }
        Duration delay = backoff(retry);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get();
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "Retrying a batch of {0} events in {1} ms after: {2}",
                batch.events.size(),
                delay.toMillis(),
                problem);
        try {
            scheduler.schedule(
                    () -> attempt(batch, retry + 1), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            batch.failAll(new EventClientException("EventClient is closed", status, cause));
        }
    }

    /** Exponential, capped, with jitter so that clients refused together do not return together. */
    private Duration backoff(int retry) {
        long base = initialBackoff.toNanos() << Math.min(retry, 30);
        long capped = Math.min(base <= 0 ? Long.MAX_VALUE : base, maxBackoff.toNanos());
        long half = capped / 2;
        return Duration.ofNanos(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    private void completeFromSummary(Batch batch, String body) {
        JsonNode summary;
        try {
            summary = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            batch.failAll(new EventClientException("Unreadable batch summary: " + body, 200, e));
            return;
        }
        Map<Integer, EventRejectedException> rejections = new HashMap<>();
        for (JsonNode error : summary.path("errors")) {
            rejections.put(
                    error.path("index").asInt(-1),
                    new EventRejectedException(
                            error.path("error").asText("rejected"),
                            error.path("reason").asText("")));
        }
        // The endpoint lists a bounded number of refusals; beyond those it is unknown which
        // events were refused.
        boolean complete = summary.path("rejected").asInt(0) <= rejections.size();
        for (int i = 0; i < batch.events.size(); i++) {
            CompletableFuture<Void> result = batch.events.get(i).result();
            EventRejectedException rejection = rejections.get(i);
            if (rejection != null) {
                result.completeExceptionally(rejection);
            } else if (complete) {
                result.complete(null);
            } else {
                result.completeExceptionally(
                        new EventClientException(
                                "The batch had more refusals than the endpoint listed; this event"
                                        + " may have been refused",
                                200,
                                null));
            }
        }
        batch.done.complete(null);
    }

    /** NDJSON needs one event per line; line breaks in JSON can only be whitespace. */
    private static byte[] oneLine(byte[] event) {
        byte[] line = null;
        for (int i = 0; i < event.length; i++) {
            if (event[i] == '\n' || event[i] == '\r') {
                if (line == null) {
                    line = event.clone();
                }
                line[i] = ' ';
            }
        }
        return line == null ? event : line;
    }

    private record PendingEvent(byte[] line, CompletableFuture<Void> result) {}

    private static final class Batch {
        private final List<PendingEvent> events;
        private final byte[] body;
        private final CompletableFuture<Void> done = new CompletableFuture<>();

        private Batch(List<PendingEvent> events, byte[] body) {
            this.events = events;
            this.body = body;
        }

        private void failAll(EventClientException failure) {
            for (PendingEvent event : events) {
                event.result().completeExceptionally(failure);
            }
            done.complete(null);
        }
    }

    /** Settings of an {@link EventClient}; every one has a default. */
    public static final class Builder {
        private final URI baseUri;
        private Optional<String> bearerToken = Optional.empty();
        private int batchSize = 500;
        private int maxBatchBytes = 1024 * 1024 - 1024;
        private Duration linger = Duration.ofMillis(20);
        private int maxRetries = 5;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxPendingEvents = 100_000;
        private boolean gzip;
        private ObjectMapper mapper = new ObjectMapper();

        private Builder(URI baseUri) {
            this.baseUri = requireNonNull(baseUri, "baseUri is null");
        }

        /** Sent as {@code Authorization: Bearer <token>}. */
        public Builder bearerToken(String token) {
            this.bearerToken = Optional.of(requireNonNull(token, "token is null"));
            return this;
        }

        /** The most events in one request (default 500). */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive(batchSize, "batchSize");
            return this;
        }

        /**
         * The largest request body before compression (default just under 1 MiB, the endpoint's
         * default limit).
         */
        public Builder maxBatchBytes(int maxBatchBytes) {
            this.maxBatchBytes = positive(maxBatchBytes, "maxBatchBytes");
            return this;
        }

        /** How long a batch waits for more events after its first (default 20 ms). */
        public Builder linger(Duration linger) {
            this.linger = notNegative(linger, "linger");
            return this;
        }

        /** How often a batch is retried after 429, 503 or a network error (default 5). */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException(
                        "maxRetries must not be negative: " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** The first retry's delay, doubled for each next one up to {@code max} (100 ms, 10 s). */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = notNegative(initial, "initial backoff");
            this.maxBackoff = notNegative(max, "max backoff");
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("max backoff is below the initial backoff");
            }
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long one attempt may wait for its answer (default 30 s). */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = positive(requestTimeout, "requestTimeout");
            return this;
        }

        /**
         * Events buffered or in flight before {@link EventClient#send} blocks (default 100,000).
         */
        public Builder maxPendingEvents(int maxPendingEvents) {
            this.maxPendingEvents = positive(maxPendingEvents, "maxPendingEvents");
            return this;
        }

        /** Compresses request bodies with gzip (default off). */
        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        /** Serializes the objects given to {@link EventClient#send(Object)}. */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = requireNonNull(mapper, "mapper is null");
            return this;
        }

        public EventClient build() {
            return new EventClient(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value, String name) {
            requireNonNull(value, name + " is null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        private static Duration notNegative(Duration value, String name) {
            requireNonNull(value, name + " is null");
            if (value.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + value);
            }
            return value;
        }
    }
}
