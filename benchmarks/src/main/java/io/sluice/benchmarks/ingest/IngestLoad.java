package io.sluice.benchmarks.ingest;

import static java.util.Objects.requireNonNull;

import io.sluice.benchmarks.server.SluiceServerProcess;
import io.sluice.clients.EventClient;
import io.sluice.clients.EventClientException;
import io.sluice.clients.LoadGenerator;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the server's {@code POST /ingest} through {@link EventClient} (no retries, so every 429 or
 * 503 is counted) with events from {@link LoadGenerator}, either as fast as answers come back (a
 * fixed number of requests in flight) or at a fixed offered rate.
 */
final class IngestLoad {
    private static final int DISTINCT_EVENTS = 10_000;

    private final SluiceServerProcess server;
    private final byte[][] events;

    IngestLoad(SluiceServerProcess server) {
        this.server = requireNonNull(server, "server is null");
        LoadGenerator generator = new LoadGenerator(42);
        events = new byte[DISTINCT_EVENTS][];
        for (int i = 0; i < DISTINCT_EVENTS; i++) {
            events[i] = generator.next();
        }
    }

    /**
     * @param batchSize events per request
     * @param maxRequestsInFlight requests sent and not answered, at most
     * @param eventsPerSecond the offered rate, 0 for as fast as answers come back
     * @param warmup run before measuring, not counted
     */
    PhaseResult run(
            String name,
            int batchSize,
            int maxRequestsInFlight,
            double eventsPerSecond,
            Duration warmup,
            Duration measured) {
        try (EventClient client =
                EventClient.builder(URI.create("http://127.0.0.1:" + server.httpPort()))
                        .batchSize(batchSize)
                        .linger(Duration.ofMillis(2))
                        .maxRetries(0)
                        .maxPendingEvents(batchSize * maxRequestsInFlight)
                        .requestTimeout(Duration.ofSeconds(30))
                        .build()) {
            if (!warmup.isZero()) {
                drive(client, eventsPerSecond, warmup, new Counters(), null);
            }
            Counters counters = new Counters();
            Latencies latencies = new Latencies();
            RssSampler rss = new RssSampler(server);
            long cpuStart = server.cpuNanos();
            long start = System.nanoTime();
            drive(client, eventsPerSecond, measured, counters, latencies);
            client.flush();
            long nanos = System.nanoTime() - start;
            long cpu = server.cpuNanos() - cpuStart;
            rss.stop();
            return new PhaseResult(
                    name,
                    batchSize,
                    eventsPerSecond,
                    counters.accepted.sum(),
                    counters.refusals(),
                    nanos,
                    cpu,
                    latencies.percentileMillis(0.50),
                    latencies.percentileMillis(0.95),
                    latencies.percentileMillis(0.99),
                    rss.first(),
                    rss.max(),
                    server.rssBytes());
        }
    }

    private void drive(
            EventClient client,
            double eventsPerSecond,
            Duration duration,
            Counters counters,
            Latencies latencies) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        double gapNanos = eventsPerSecond > 0 ? 1e9 / eventsPerSecond : 0;
        long sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (gapNanos > 0) {
                long due = start + (long) (sent * gapNanos);
                if (due > now) {
                    LockSupport.parkNanos(Math.min(due - now, 1_000_000));
                    continue;
                }
            }
            long sentAt = System.nanoTime();
            CompletableFuture<Void> answer = client.send(events[(int) (sent % DISTINCT_EVENTS)]);
            sent++;
            answer.whenComplete(
                    (ignored, failure) -> {
                        if (failure == null) {
                            counters.accepted.increment();
                            if (latencies != null) {
                                latencies.record(System.nanoTime() - sentAt);
                            }
                        } else {
                            counters.refused(failure);
                        }
                    });
        }
    }

    /** Answers by outcome. */
    private static final class Counters {
        final LongAdder accepted = new LongAdder();
        final Map<Integer, LongAdder> refusals = new ConcurrentHashMap<>();

        void refused(Throwable failure) {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
            int status = cause instanceof EventClientException e ? e.statusCode().orElse(-1) : -1;
            refusals.computeIfAbsent(status, ignored -> new LongAdder()).increment();
        }

        Map<Integer, Long> refusals() {
            Map<Integer, Long> result = new HashMap<>();
            refusals.forEach((status, count) -> result.put(status, count.sum()));
            return result;
        }
    }

    /** Samples the server's resident memory every 200 ms. */
    private static final class RssSampler {
        private final ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "rss-sampler");
                            thread.setDaemon(true);
                            return thread;
                        });
        private final long first;
        private final AtomicLong max = new AtomicLong(-1);

        RssSampler(SluiceServerProcess server) {
            first = server.rssBytes();
            max.set(first);
            timer.scheduleAtFixedRate(
                    () -> max.accumulateAndGet(server.rssBytes(), Math::max),
                    200,
                    200,
                    TimeUnit.MILLISECONDS);
        }

        void stop() {
            timer.shutdownNow();
        }

        long first() {
            return first;
        }

        long max() {
            return max.get();
        }
    }
}
