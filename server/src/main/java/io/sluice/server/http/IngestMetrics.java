package io.sluice.server.http;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of the ingest endpoint, exposed in the Prometheus text format at {@code GET /metrics},
 * each labelled with the stream the request was for. An event counts once, as what its client was
 * told: accepted (acked by the broker before the answer), rejected (refused, by reason) or failed
 * (the store failed or did not answer in time; the client was told to retry).
 *
 * <p>A request refused as a whole before its events could be counted (a body too large, a wrong
 * content type, a missing key) counts as one rejection. A request for a stream that does not exist
 * counts under the stream label {@value #UNKNOWN_STREAM}, so that names clients make up never
 * become series of their own.
 */
public final class IngestMetrics {
    /** The stream label of requests whose stream does not exist or was never named. */
    public static final String UNKNOWN_STREAM = "";

    /** Request latency buckets in seconds, from 1 ms to 30 s (the default request timeout). */
    private static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter accepted;
    private final Counter failed;
    private final Counter rejected;
    private final Histogram latency;
    private final Map<String, StreamCounters> streams = new ConcurrentHashMap<>();

    public IngestMetrics() {
        accepted =
                Counter.builder()
                        .name("sluice_ingest_events_accepted_total")
                        .help("Events the broker acknowledged before the client was answered")
                        .labelNames("stream")
                        .register(registry);
        failed =
                Counter.builder()
                        .name("sluice_ingest_events_failed_total")
                        .help(
                                "Events whose client was told to retry: the broker failed or was"
                                        + " slow")
                        .labelNames("stream")
                        .register(registry);
        rejected =
                Counter.builder()
                        .name("sluice_ingest_events_rejected_total")
                        .help("Events or whole requests refused, by reason")
                        .labelNames("stream", "reason")
                        .register(registry);
        latency =
                Histogram.builder()
                        .name("sluice_ingest_request_duration_seconds")
                        .help("Time from a request's head to its answer, for POST /ingest")
                        .classicOnly()
                        .classicUpperBounds(LATENCY_BUCKETS)
                        .register(registry);
    }

    /** Accepted events over all streams. */
    public long acceptedEvents() {
        return streams.values().stream()
                .mapToLong(counters -> counters.accepted.getLongValue())
                .sum();
    }

    /** Failed events over all streams. */
    public long failedEvents() {
        return streams.values().stream()
                .mapToLong(counters -> counters.failed.getLongValue())
                .sum();
    }

    /** Rejections for {@code reason} over all streams. */
    public long rejectedEvents(RejectReason reason) {
        return streams.values().stream().mapToLong(counters -> counters.rejected(reason)).sum();
    }

    /** Rejections over all streams and reasons. */
    public long rejectedEvents() {
        return rejectedEventsByReason().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Rejections by reason over all streams, every reason present (zero when it never happened).
     */
    public Map<RejectReason, Long> rejectedEventsByReason() {
        Map<RejectReason, Long> snapshot = new EnumMap<>(RejectReason.class);
        for (RejectReason reason : RejectReason.values()) {
            snapshot.put(reason, rejectedEvents(reason));
        }
        return snapshot;
    }

    /** Accepted events of one stream. */
    public long acceptedEvents(String stream) {
        StreamCounters counters = streams.get(stream);
        return counters == null ? 0 : counters.accepted.getLongValue();
    }

    /** Rejections of one stream for {@code reason}. */
    public long rejectedEvents(String stream, RejectReason reason) {
        StreamCounters counters = streams.get(stream);
        return counters == null ? 0 : counters.rejected(reason);
    }

    /** The metrics in the Prometheus text format (version 0.0.4). */
    public byte[] scrape() {
        ByteArrayOutputStream output = new ByteArrayOutputStream(4096);
        try {
            PrometheusTextFormatWriter.create().write(output, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toByteArray();
    }

    static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    void recordAccepted(String stream, int events) {
        counters(stream).accepted.inc(events);
    }

    void recordFailed(String stream, int events) {
        counters(stream).failed.inc(events);
    }

    void recordRejected(String stream, RejectReason reason) {
        counters(stream).rejectedByReason.get(reason).inc();
    }

    void recordLatency(long nanos) {
        latency.observe(nanos / 1e9);
    }

    private StreamCounters counters(String stream) {
        return streams.computeIfAbsent(stream, StreamCounters::new);
    }

    @Override
    public String toString() {
        return "IngestMetrics[accepted="
                + acceptedEvents()
                + ", rejected="
                + rejectedEvents()
                + ", failed="
                + failedEvents()
                + "]";
    }

    /** The data points of one stream, created at its first request. */
    private final class StreamCounters {
        private final CounterDataPoint accepted;
        private final CounterDataPoint failed;
        private final Map<RejectReason, CounterDataPoint> rejectedByReason =
                new EnumMap<>(RejectReason.class);

        StreamCounters(String stream) {
            accepted = IngestMetrics.this.accepted.labelValues(stream);
            failed = IngestMetrics.this.failed.labelValues(stream);
            for (RejectReason reason : RejectReason.values()) {
                rejectedByReason.put(
                        reason, IngestMetrics.this.rejected.labelValues(stream, reason.label()));
            }
        }

        long rejected(RejectReason reason) {
            return (long) rejectedByReason.get(reason).get();
        }
    }
}
